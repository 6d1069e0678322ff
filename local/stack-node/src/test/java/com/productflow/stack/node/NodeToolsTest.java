package com.productflow.stack.node;

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
    /**
     * A project pinning one local package (no registry needed): racing callers get one {@code npm ci},
     * and all find the tool. The repository's own pins go through the same path on any fresh clone.
     */
    @Test
    void installsMissingToolsOnceUnderTheLock(@TempDir Path copy) throws Exception {
        Files.createDirectories(copy.resolve("tool"));
        Files.writeString(copy.resolve("tool/package.json"), "{\"name\":\"tool\",\"version\":\"1.0.0\"}");
        Files.writeString(copy.resolve("tool/cli.js"), "// a stand-in for dynalite's cli.js\n");
        Files.writeString(copy.resolve("package.json"),
                "{\"name\":\"t\",\"version\":\"1.0.0\",\"private\":true,\"dependencies\":{\"tool\":\"file:tool\"}}");
        Files.writeString(copy.resolve("package-lock.json"), """
                {"name": "t", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
                 "packages": {
                   "": {"name": "t", "version": "1.0.0", "dependencies": {"tool": "file:tool"}},
                   "node_modules/tool": {"resolved": "tool", "link": true},
                   "tool": {"version": "1.0.0"}}}
                """);

        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Path>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return NodeTools.ensureInstalled(copy, "tool", "cli.js");
                }));
            }
            go.countDown();
            List<FileTime> installedAt = new ArrayList<>();
            for (Future<Path> f : results) {
                Path cli = f.get(5, TimeUnit.MINUTES);
                assertThat(cli).isRegularFile().isEqualTo(copy.resolve("node_modules/tool/cli.js"));
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
