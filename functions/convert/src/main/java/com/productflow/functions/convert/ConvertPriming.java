package com.productflow.functions.convert;

import com.productflow.convert.ConversionResult;
import com.productflow.pipeline.ProductOutputs;
import com.productflow.pipeline.S3Conversion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming of ConvertFunction. Before Lambda snapshots the initialised function (the org.crac
 * {@code beforeCheckpoint} hook, as AWS documents for SnapStart), the bundled 42 KB sample
 * ({@code samples/sample_products.json}, its products repeated {@link #COPIES} times in one array: about 8.6 MB) is
 * converted again and again through the function's own conversion, {@link S3Conversion#convertStreams} (every
 * {@code OUTPUT_FORMATS} output from one read, as an invocation runs it between the S3 read and the upload), into
 * sinks that discard, until a pass is no faster than the ones before it: the JIT has then compiled the hot
 * methods (at least {@link #MIN_PASSES}, at most {@link #MAX_PASSES} passes or {@link #BUDGET_NANOS}). The
 * snapshot keeps the compiled code, and the first invocation after a restore starts on it.
 * Nothing here connects: no S3, no DynamoDB, no credential resolved or kept.
 * Without SnapStart (an on-demand start, or a JDK without CRaC) the hook never runs: no init time is spent.
 */
final class ConvertPriming implements Resource {
    static final String SAMPLE = "/sample_products.json";
    /**
     * Passes of about 8.6 MB: large rather than many, as each conversion starts its I/O threads and buffers, a
     * fixed cost that made 1 MB passes plateau far below warm speed (bench/RESULTS.md: 8 passes of 1 MB left
     * the first 50 MB conversion at 0.22 of warm speed, 21 passes at 5 MB/s a pass against 44 MB/s warm).
     */
    static final int COPIES = 200;
    static final int MIN_PASSES = 3;
    static final int MAX_PASSES = 24;
    /** Far within the snapshot's init limit (the function's timeout, 900 s; the before-snapshot hook counts in it). */
    static final long BUDGET_NANOS = 15_000_000_000L;
    /** Done when none of the last this many passes beat the best pass before them by 5 %. */
    static final int PLATEAU = 2;
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
        long start = System.nanoTime();
        try {
            Primed primed = prime();
            LOG.info("primed the conversion: {} passes of {} records in {} ms", primed.passes(), primed.lastPass().get(0).records(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            LOG.warn("priming the conversion failed; the first invocation compiles it instead: {}", e.toString());
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to reopen: priming kept no connection
    }

    /** How many passes priming took, and the results of the last one (one per output). */
    record Primed(int passes, List<ConversionResult> lastPass) {}

    /** Converts the repeated sample until the passes stop getting faster (see the class comment). */
    Primed prime() throws IOException {
        byte[] sample = repeated(sample(), COPIES);
        long deadline = System.nanoTime() + BUDGET_NANOS;
        List<Long> nanos = new ArrayList<>();
        List<ConversionResult> results = List.of();
        while (nanos.size() < MAX_PASSES) {
            List<OutputStream> sinks = new ArrayList<>();
            for (int i = 0; i < conversion.outputs(); i++) {
                sinks.add(OutputStream.nullOutputStream());
            }
            long start = System.nanoTime();
            results = conversion.convertStreams(new ByteArrayInputStream(sample), sinks);
            nanos.add(System.nanoTime() - start);
            if (nanos.size() >= MIN_PASSES && (plateaued(nanos) || System.nanoTime() > deadline)) {
                break;
            }
        }
        return new Primed(nanos.size(), results);
    }

    /** None of the last {@link #PLATEAU} passes was 5 % faster than the fastest pass before them. */
    static boolean plateaued(List<Long> nanos) {
        int n = nanos.size();
        if (n <= PLATEAU) {
            return false;
        }
        long bestBefore = nanos.subList(0, n - PLATEAU).stream().mapToLong(Long::longValue).min().orElseThrow();
        long bestRecent = nanos.subList(n - PLATEAU, n).stream().mapToLong(Long::longValue).min().orElseThrow();
        return bestRecent > bestBefore * 0.95;
    }

    /** One JSON array holding the elements of the array {@code json}, {@code copies} times over. */
    static byte[] repeated(byte[] json, int copies) {
        String array = new String(json, StandardCharsets.UTF_8).strip();
        if (!array.startsWith("[") || !array.endsWith("]")) {
            throw new IllegalStateException(SAMPLE + " is not one JSON array");
        }
        String elements = array.substring(1, array.length() - 1).strip();
        return ("[" + String.join(",", Collections.nCopies(copies, elements)) + "]").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] sample() {
        try (InputStream in = ConvertPriming.class.getResourceAsStream(SAMPLE)) {
            if (in == null) {
                throw new IllegalStateException(SAMPLE + " is not in the function jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
