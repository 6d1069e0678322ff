package com.productflow.bench.cold;

import com.productflow.common.config.SettingsSource;
import com.productflow.pipeline.ProductOutputs;
import com.productflow.pipeline.S3Conversion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs in a fresh JVM whose class path is ConvertFunction's deployment jar plus the cold-start shim's jar
 * (its SnapStart hooks' runner) and this class: constructs the handler as Lambda does (its public no-arg
 * constructor, wired from the environment), runs the runtime hooks as SnapStart does before the snapshot
 * (ConvertFunction's priming), then converts a local file through the function's conversion
 * ({@link S3Conversion#convertStreams}, the code an invocation runs between its S3 read and its upload)
 * once, the first conversion of the JVM, and then {@code warm} more times. S3 is left out: a local file
 * instead of the ranged GETs, sinks that discard instead of the multipart upload.
 *
 * <p>Prints {@code FIRSTCONVERT <hooksMs> <firstMBps> <bestWarmMBps> <firstCpuMBps> <bestWarmCpuMBps>} on stdout: per
 * wall second, and per CPU second of the whole JVM (JIT compiler threads included, which is what priming
 * saves; far less sensitive than wall time to what else runs on the machine).
 */
public final class ConvertFirstInvocation {
    public static final String MARKER = "FIRSTCONVERT";

    private ConvertFirstInvocation() {}

    public static void main(String[] args) throws Exception {
        String handler = args[0];
        Path input = Path.of(args[1]);
        int warm = Integer.parseInt(args[2]);
        Class.forName(handler).getDeclaredConstructor().newInstance();
        long constructed = System.nanoTime();
        com.productflow.coldstart.crac.Core.checkpointRestore();
        double hooksMs = (System.nanoTime() - constructed) / 1e6;
        // The function's conversion from the function's settings (the environment), as its Wiring builds it: the same
        // classes and options as the primed one, not the same instance, so Jackson's name table starts empty (the
        // harder case: every key of the file is new to it). Its transfers are not used by convertStreams: none are
        // made, so nothing here can reach S3.
        S3Conversion conversion = ProductOutputs.fromSettings(null,
                SettingsSource.builder().layer("environment", System.getenv()).build()).conversion();
        // JVM uptime at the first conversion's start and end, on stderr: with -XX:+PrintCompilation (whose lines carry the
        // same uptime) they show what the JIT did during the first conversion.
        System.err.println(MARKER + " first conversion starts at uptime ms " + uptimeMs());
        double[] first = mbps(conversion, input);
        System.err.println(MARKER + " first conversion ends at uptime ms " + uptimeMs());
        double[] best = {0, 0};
        for (int round = 0; round < warm; round++) {
            double[] r = mbps(conversion, input);
            best[0] = Math.max(best[0], r[0]);
            best[1] = Math.max(best[1], r[1]);
        }
        System.out.println(MARKER + " " + hooksMs + " " + first[0] + " " + best[0] + " " + first[1] + " " + best[1]);
    }

    private static long uptimeMs() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
    }

    /** CPU time of this JVM, all threads (this class travels alone beside the function jar: JDK only). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** MB per wall second and per CPU second of the JVM. */
    private static double[] mbps(S3Conversion conversion, Path input) throws IOException {
        List<OutputStream> sinks = new ArrayList<>();
        for (int i = 0; i < conversion.outputs(); i++) {
            sinks.add(OutputStream.nullOutputStream());
        }
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        try (InputStream in = Files.newInputStream(input)) {
            conversion.convertStreams(in, sinks);
        }
        double mb = Files.size(input) / 1e6;
        return new double[] {mb / ((System.nanoTime() - start) / 1e9), mb / ((processCpuNanos() - cpu) / 1e9)};
    }
}
