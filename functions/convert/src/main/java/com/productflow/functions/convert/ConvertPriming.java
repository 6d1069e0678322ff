package com.productflow.functions.convert;

import com.productflow.common.io.ShortReadInputStream;
import com.productflow.convert.ConversionResult;
import com.productflow.pipeline.ProductOutputs;
import com.productflow.pipeline.S3Conversion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming of ConvertFunction. Before Lambda snapshots the initialised function (the org.crac
 * {@code beforeCheckpoint} hook, as AWS documents for SnapStart), product feeds generated in memory
 * ({@link PrimingFeeds}: compact, pretty, JSON Lines and gzipped, with every value type and escape, and keys of every
 * length that no other feed has) are converted again and again through the function's own conversion,
 * {@link S3Conversion#convertStreams} (every {@code OUTPUT_FORMATS} output from one read, as an invocation runs it
 * between the S3 read and the upload), from an {@link InputStream} that hands out at most {@link #READ_BYTES} a read,
 * as a network stream does, into sinks that discard.
 *
 * <p>Rounds go on until the JIT has settled, after at least {@link #MIN_ROUNDS}: a round in which the compilers
 * finished at most {@link #SETTLED_COMPILE_MS} of work ({@link CompilationMXBean#getTotalCompilationTime()}) and at
 * whose end C2 has nothing running or queued ({@link CompilerQueue}). The hot methods are then C2-compiled on the paths
 * real feeds take, and the snapshot keeps that code (bench/RESULTS.md, "ConvertFunction priming to C2": the first
 * conversion after it runs at 0.85-0.89 of warm speed per CPU-second, against 0.12-0.42 unprimed). Priming stops
 * anyway once the JVM has spent {@link #BUDGET_CPU_NANOS} of CPU time on it (its threads and the compilers': on
 * Lambda, where the function has its vCPUs to itself, about as many seconds of init), or after
 * {@link #BUDGET_WALL_NANOS} of wall time on a machine that gives it little CPU; the snapshot is then taken with what
 * was compiled by then, logged as not settled.
 *
 * <p>Nothing here connects: no S3, no DynamoDB, no credential resolved or kept. Nothing is kept after priming but the
 * compiled code and the names Jackson's factory canonicalised (a cache every conversion fills); the helper threads of
 * each conversion end with it, and the feeds are collected before the snapshot. Without SnapStart (an on-demand
 * start, or a JDK without CRaC) the hook never runs: no init time is spent.
 */
final class ConvertPriming implements Resource {
    /** What a read of the priming input returns at most: a network stream's reads are short too. */
    static final int READ_BYTES = 64 << 10;
    static final int MIN_ROUNDS = 3;
    /** A round (about 15 MB) in which the compilers finished this much work or less (and C2 is idle at its end): settled. */
    static final long SETTLED_COMPILE_MS = 20;
    /**
     * At most 10 s of CPU for the snapshot's init: priming is paid once per published version, never by an
     * invocation, and is far within SnapStart's init limit.
     */
    static final long BUDGET_CPU_NANOS = 10_000_000_000L;
    /** The backstop when the JVM gets little CPU (a shared machine) or cannot tell its CPU time. */
    static final long BUDGET_WALL_NANOS = 60_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(ConvertPriming.class);
    /** org.crac holds registered resources weakly: these keep them. */
    private static final List<ConvertPriming> REGISTERED = new CopyOnWriteArrayList<>();

    private final S3Conversion conversion;

    ConvertPriming(S3Conversion conversion) {
        this.conversion = conversion;
    }

    /** Registers the priming of {@code outputs}' conversion with the global CRaC context; returns {@code outputs}. */
    static ProductOutputs register(ProductOutputs outputs) {
        ConvertPriming priming = new ConvertPriming(outputs.conversion());
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
        return outputs;
    }

    /** A failure only costs the time priming would have saved: the snapshot is taken all the same. */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            Primed primed = prime();
            LOG.info("primed the conversion: {} rounds, {} MB, {} records in {} ms ({} ms CPU), JIT {}", primed.rounds(),
                    primed.bytes() / 1_000_000, primed.records(), primed.nanos() / 1_000_000, primed.cpuNanos() / 1_000_000,
                    primed.settled() ? "settled" : "still compiling when the budget ran out");
        } catch (IOException | RuntimeException e) {
            LOG.warn("priming the conversion failed; the first invocation compiles it instead: {}", e.toString());
        }
        // The feeds and buffers are garbage now: collected here, they are not carried in the snapshot.
        System.gc();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to reopen: priming kept no connection
    }

    /**
     * What priming did: rounds over every feed, input bytes and records converted (per output), wall and CPU time, whether
     * the JIT settled within the budget, and the results of the last round (per feed, one per output).
     */
    record Primed(int rounds, long bytes, long records, long nanos, long cpuNanos, boolean settled,
            List<List<ConversionResult>> lastRound) {}

    /** CPU time of the whole JVM (every thread, the compilers' included), or -1 when the JVM cannot tell. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** Converts every feed, round after round, until the JIT has settled (see the class comment). */
    Primed prime() throws IOException {
        long start = System.nanoTime();
        long startCpu = processCpuNanos();
        List<PrimingFeeds.Feed> feeds = PrimingFeeds.generate();
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        long compiled = timed ? jit.getTotalCompilationTime() : 0;
        int rounds = 0;
        long bytes = 0;
        long records = 0;
        List<List<ConversionResult>> round;
        while (true) {
            round = new ArrayList<>();
            for (PrimingFeeds.Feed feed : feeds) {
                List<ConversionResult> results = convert(feed.bytes());
                round.add(results);
                bytes += feed.bytes().length;
                records += results.get(0).records();
            }
            rounds++;
            long compiledNow = timed ? jit.getTotalCompilationTime() : compiled;
            boolean settled = (timed ? compiledNow - compiled <= SETTLED_COMPILE_MS : rounds >= 2 * MIN_ROUNDS)
                    && CompilerQueue.c2Idle().orElse(true);
            long nanos = System.nanoTime() - start;
            LOG.debug("priming round {} ended at {} ms: the compilers worked {} ms in it", rounds, nanos / 1_000_000,
                    compiledNow - compiled);
            compiled = compiledNow;
            long cpu = startCpu < 0 ? nanos : processCpuNanos() - startCpu;
            if ((rounds >= MIN_ROUNDS && settled) || cpu > BUDGET_CPU_NANOS || nanos > BUDGET_WALL_NANOS) {
                if (!settled && LOG.isDebugEnabled()) {
                    LOG.debug("priming ends with the JIT still compiling: {}", CompilerQueue.text().orElse("(no Compiler.queue)"));
                }
                return new Primed(rounds, bytes, records, nanos, cpu, rounds >= MIN_ROUNDS && settled, round);
            }
        }
    }

    private List<ConversionResult> convert(byte[] feed) throws IOException {
        List<OutputStream> sinks = new ArrayList<>();
        for (int i = 0; i < conversion.outputs(); i++) {
            sinks.add(OutputStream.nullOutputStream());
        }
        // Not a ByteArrayInputStream: the S3 path never gives one, and its reads are short.
        return conversion.convertStreams(new ShortReadInputStream(feed, READ_BYTES), sinks);
    }
}
