package com.productflow.functions.convert;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Whether the JIT's optimising compiler (C2) has work: what {@code jcmd <pid> Compiler.queue} prints, asked through the
 * JDK's DiagnosticCommand MBean. {@link java.lang.management.CompilationMXBean#getTotalCompilationTime()} alone cannot
 * tell: it grows only when a compilation ends, and a C2 compilation of the converter's record loop takes a second or
 * more on a busy machine (bench/RESULTS.md), long enough for a whole priming round to see no growth.
 */
final class CompilerQueue {
    private CompilerQueue() {}

    /** True when C2 compiles nothing and has nothing queued; empty when this JVM cannot tell (no DiagnosticCommand). */
    static Optional<Boolean> c2Idle() {
        return text().map(CompilerQueue::c2Idle);
    }

    /** What {@code jcmd <pid> Compiler.queue} prints; empty when this JVM cannot tell. */
    static Optional<String> text() {
        try {
            return Optional.of(String.valueOf(ManagementFactory.getPlatformMBeanServer()
                    .invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerQueue", null, null)));
        } catch (JMException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads {@code Compiler.queue}'s text: "Current compiles:" lists running tasks by thread
     * ({@code C2 CompilerThread0  2566  4  ...}), then each compiler's queue, {@code C2 compile queue:} followed by
     * its tasks or {@code Empty}.
     */
    static boolean c2Idle(String queue) {
        boolean inC2Queue = false;
        for (String raw : queue.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("C2 CompilerThread")) {
                return false;
            }
            if (line.endsWith("compile queue:")) {
                inC2Queue = line.startsWith("C2 ");
            } else if (inC2Queue && !line.isEmpty() && !line.equals("Empty")) {
                return false;
            }
        }
        return true;
    }
}
