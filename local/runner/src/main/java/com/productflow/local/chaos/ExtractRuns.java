package com.productflow.local.chaos;

import com.productflow.local.LambdaInvoker;
import com.productflow.local.LocalSystem;
import com.productflow.stack.node.NodeTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;

/**
 * Runs the extract as the state machine does: ExtractFunction through the local Lambda Invoke API, with the
 * state machine's payload ({@code events/extract.json}, the sample the template's event tests use). The
 * function runs one at a time (reserved concurrency 1): a busy answer (429) is tried again, as the state
 * machine's Retry does. {@link #inFlight()} is what a kill aimed at the extract waits for.
 */
public final class ExtractRuns {
    private static final Duration INVOCATION_TIMEOUT = Duration.ofMinutes(5);
    private final LambdaInvoker lambda;
    private final String payload;
    private volatile boolean inFlight;

    public ExtractRuns(LambdaInvoker lambda) {
        this.lambda = lambda;
        try {
            this.payload = Files.readString(NodeTools.projectRoot().resolve("events").resolve("extract.json"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading events/extract.json: " + e.getMessage(), e);
        }
    }

    /**
     * Invokes until the function answers other than busy, or {@code patience} is over; the last answer.
     * A Lambda API that cannot be reached (the system was killed) is an {@link UncheckedIOException}.
     */
    public LambdaInvoker.Result run(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            LambdaInvoker.Result result;
            inFlight = true;
            try {
                result = lambda.invoke(LocalSystem.EXTRACT, payload, INVOCATION_TIMEOUT);
            } finally {
                inFlight = false;
            }
            if (result.status() != 429 || System.nanoTime() > deadline) {
                return result;
            }
            Thread.sleep(200);
        }
    }

    public boolean inFlight() {
        return inFlight;
    }
}
