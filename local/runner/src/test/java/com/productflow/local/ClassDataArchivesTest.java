package com.productflow.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.productflow.local.runtime.LambdaRuntimeLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real JVM records a function's class data archive, a second one maps it, and a changed jar records anew. */
class ClassDataArchivesTest {
    @Test
    void theFirstRunRecordsAndTheNextRunMapsTheArchive(@TempDir Path folder) throws Exception {
        Path jar = RuntimeJar.write(folder);
        assertThat(RuntimeJar.write(folder)).as("same content, same file").isEqualTo(jar);
        ClassDataArchives archives = new ClassDataArchives(folder);

        ClassDataArchives.Recording first = archives.forFunction("Fn", List.of(jar));
        assertThat(first.records()).isTrue();
        assertThat(first.jvmFlags()).anyMatch(f -> f.startsWith("-XX:ArchiveClassesAtExit="));
        // No _HANDLER: the loop fails at once, a normal exit after which the JVM has written the archive.
        assertThat(run(first.jvmFlags(), jar)).isEqualTo(1);
        first.finish(true);
        assertThat(first.archive()).isRegularFile();
        assertThat(listing(folder)).noneMatch(name -> name.endsWith(".tmp"));

        ClassDataArchives.Recording second = archives.forFunction("Fn", List.of(jar));
        assertThat(second.records()).isFalse();
        assertThat(second.jvmFlags()).contains("-XX:SharedArchiveFile=" + first.archive());
        List<String> mustMap = new ArrayList<>(second.jvmFlags());
        mustMap.add("-Xshare:on"); // fails the JVM unless it maps the archive
        assertThat(run(mustMap, jar)).as("the JVM maps the recorded archive").isEqualTo(1);

        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        ClassDataArchives.Recording rebuilt = archives.forFunction("Fn", List.of(jar));
        assertThat(rebuilt.records()).as("another jar, another archive").isTrue();
        assertThat(first.archive()).as("the stale archive is gone").doesNotExist();
    }

    @Test
    void aDumpOfAJvmThatDidNotExitCleanlyIsThrownAway(@TempDir Path folder) throws IOException {
        Path jar = RuntimeJar.write(folder);
        ClassDataArchives.Recording recording = new ClassDataArchives(folder).forFunction("Fn", List.of(jar));
        Files.writeString(recording.dump(), "half an archive");
        recording.finish(false);
        assertThat(recording.dump()).doesNotExist();
        assertThat(recording.archive()).doesNotExist();
    }

    private static int run(List<String> flags, Path jar) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(flags);
        command.addAll(List.of("-cp", jar.toString(), LambdaRuntimeLoop.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("_HANDLER");
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private static List<String> listing(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
