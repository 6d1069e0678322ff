package com.productflow.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A campaign stopped with Ctrl-C or SIGTERM takes the system it started with it: nothing is left running on the data dir. */
class LocalProcessTest {
    @Test
    void stoppingTheJvmThatStartedLocalKillsLocal(@TempDir Path folder) throws Exception {
        Process holder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalProcessHolder.class.getName(), folder.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long localPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            localPid = Long.parseLong(out.readLine().trim());
            Optional<ProcessHandle> local = ProcessHandle.of(localPid);
            assertThat(local).as("the stand-in for local").isPresent();
            assertThat(local.get().isAlive()).isTrue();

            holder.destroy(); // SIGTERM, as Ctrl-C would
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            holder.destroyForcibly();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessHandle.of(localPid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Optional<ProcessHandle> left = ProcessHandle.of(localPid);
        try {
            assertThat(left.map(ProcessHandle::isAlive).orElse(false)).as("local still running after its starter stopped").isFalse();
        } finally {
            left.ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
