package com.productflow.local;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What the local run tells its user as it happens (ingests, executions, outcomes): one timestamped line
 * each on stderr, so stdout stays for the one JSON line a command prints.
 */
public final class LocalLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private final PrintStream out;

    private LocalLog(PrintStream out) {
        this.out = out;
    }

    public static LocalLog stderr() {
        return new LocalLog(System.err);
    }

    /** Writes to {@code out} (tests read what the run said). */
    public static LocalLog to(PrintStream out) {
        return new LocalLog(out);
    }

    /** Says nothing (tests, and commands that only want their summary). */
    public static LocalLog silent() {
        return new LocalLog(null);
    }

    public void info(String format, Object... args) {
        if (out != null) {
            out.println(TIME.format(Instant.now()) + " " + String.format(format, args));
        }
    }

    /** A line that says something is off but the run goes on (an ignored env var, a restarted function). */
    public void warn(String format, Object... args) {
        info("warning: " + format, args);
    }
}
