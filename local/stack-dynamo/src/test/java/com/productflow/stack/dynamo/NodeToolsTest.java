package com.productflow.stack.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeToolsTest {
    /** A fresh copy of the repository's pins: racing callers get one install, and all find dynalite. */
    @Test
    void installsMissingToolsOnceUnderTheLock(@TempDir Path copy) throws Exception {
        Path root = NodeTools.repoRoot();
        Files.copy(root.resolve("package.json"), copy.resolve("package.json"));
        Files.copy(root.resolve("package-lock.json"), copy.resolve("package-lock.json"));

        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Path>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return NodeTools.ensureInstalled(copy, "dynalite", "cli.js");
                }));
            }
            go.countDown();
            List<FileTime> installedAt = new ArrayList<>();
            for (Future<Path> f : results) {
                Path cli = f.get(5, TimeUnit.MINUTES);
                assertThat(cli).isRegularFile().isEqualTo(copy.resolve("node_modules/dynalite/cli.js"));
                installedAt.add(Files.getLastModifiedTime(copy.resolve("node_modules/.package-lock.json")));
            }
            assertThat(installedAt).as("npm ci ran once, later callers found it installed").containsOnly(installedAt.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aModuleTheLockfileDoesNotInstallIsAClearError(@TempDir Path empty) throws Exception {
        Files.writeString(empty.resolve("package.json"), "{\"name\":\"empty\",\"version\":\"1.0.0\",\"private\":true}");
        Files.writeString(empty.resolve("package-lock.json"),
                "{\"name\":\"empty\",\"version\":\"1.0.0\",\"lockfileVersion\":3,\"requires\":true,"
                        + "\"packages\":{\"\":{\"name\":\"empty\",\"version\":\"1.0.0\"}}}");
        assertThatThrownBy(() -> NodeTools.ensureInstalled(empty, "dynalite", "cli.js"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("dynalite");
    }
}
