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
 * ({@code samples/sample_products.json}, its products repeated {@link #COPIES} times in one array: about 1 MB) is
 * converted {@link #PASSES} times through the function's own conversion, {@link S3Conversion#convertStreams} (every {@code OUTPUT_FORMATS} output from one read, as an
 * invocation runs it between the S3 read and the upload), into sinks that discard. The JIT compiles the
 * hot methods, the snapshot keeps them, and the first invocation after a restore starts on compiled code.
 * Nothing here connects: no S3, no DynamoDB, no credential resolved or kept.
 * Without SnapStart (an on-demand start, or a JDK without CRaC) the hook never runs: no init time is spent.
 */
final class ConvertPriming implements Resource {
    static final String SAMPLE = "/sample_products.json";
    /**
     * About 8 MB of conversion in all: enough for C2 to compile the per-record and per-byte loops. A few large
     * passes rather than many small ones: each conversion starts its I/O threads and buffers, which the
     * per-record code does not need primed.
     */
    static final int COPIES = 25;
    static final int PASSES = 8;
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
            List<ConversionResult> last = prime();
            LOG.info("primed the conversion: {} passes of {} records in {} ms", PASSES, last.get(0).records(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            LOG.warn("priming the conversion failed; the first invocation compiles it instead: {}", e.toString());
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to reopen: priming kept no connection
    }

    /** Converts the repeated sample {@link #PASSES} times; the results of the last pass (one per output). */
    List<ConversionResult> prime() throws IOException {
        byte[] sample = repeated(sample(), COPIES);
        List<ConversionResult> results = List.of();
        for (int pass = 0; pass < PASSES; pass++) {
            List<OutputStream> sinks = new ArrayList<>();
            for (int i = 0; i < conversion.outputs(); i++) {
                sinks.add(OutputStream.nullOutputStream());
            }
            results = conversion.convertStreams(new ByteArrayInputStream(sample), sinks);
        }
        return results;
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
