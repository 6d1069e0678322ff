package com.productflow.local.chaos;

import com.productflow.local.Demo;
import com.productflow.stack.node.NodeTools;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Starts {@code productflow local --data-dir DIR} in a process of its own, from the same class path as this one
 * (so the same code runs: the jar when run by {@code ./productflow}), in the campaign's work folder (its
 * {@code .productflow/local.json} goes there, not into the user's). The extract's day is the sample CSV's, as in
 * the demo, so the SQL selection is known; the redrive runs every minute instead of every 15, so a file that
 * failed for a transient reason is retried within the campaign's patience (time compressed, same mechanism).
 */
public final class LocalLauncher {
    /** How long a start may take on a loaded two-core machine (the functions' JVMs included). */
    static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    static final String SCHEDULE_RATE = "PT1M";

    private final Path dataDir;
    private final Path work;
    private int starts;

    public LocalLauncher(Path dataDir, Path work) {
        this.dataDir = dataDir;
        this.work = work;
    }

    /** Starts the system and waits for its endpoints; its output goes to {@code local-N.out/.log} in the work folder. */
    public LocalProcess start() throws IOException {
        return LocalProcess.start(command(), work, "local-" + starts++, START_TIMEOUT);
    }

    public int starts() {
        return starts;
    }

    List<String> command() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", absoluteClassPath(),
                "-Dproductflow.home=" + NodeTools.projectRoot(),
                "-Daws.disableEc2Metadata=true",
                // As ./productflow runs local: C1 only for the servers' JVM (see the launcher script).
                "-XX:TieredStopAtLevel=1",
                "com.productflow.cli.Main", "local", "--data-dir", dataDir.toAbsolutePath().toString(),
                "--extract-today", Demo.SAMPLE_TODAY.toString(), "--schedule-rate", SCHEDULE_RATE);
    }

    /** The class path with every entry absolute: the child runs in the work folder. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
