package com.productflow.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers the S3 notification for one object to IngestFunction through the Lambda API, as S3 invokes it
 * asynchronously: on a worker (a large file's checksum must not hold up the watcher), and on a function
 * error tried twice more (Lambda's async retry policy) before it is given up, loudly.
 */
public final class IngestDispatcher implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 3;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private final LambdaInvoker lambda;
    private final String function;
    private final String region;
    private final String bucket;
    private final LocalLog log;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LocalSequencer sequencer = new LocalSequencer();
    private final ExecutorService workers = Executors.newFixedThreadPool(4, DaemonThreads.named("ingest-dispatch"));

    public IngestDispatcher(LambdaInvoker lambda, String function, String region, String bucket, LocalLog log) {
        this.lambda = lambda;
        this.function = function;
        this.region = region;
        this.bucket = bucket;
        this.log = log;
    }

    /**
     * Called by the watcher, in the order the writes of a key were stored: the sequencer is taken
     * here, before the hand-over to a worker, so it orders the versions of a key as they were written.
     */
    public void objectCreated(String key, String eTag, long size) {
        String event = S3Notifications.objectCreated(region, bucket, key, eTag, size, Instant.now(), sequencer.next());
        inFlight.incrementAndGet();
        workers.execute(() -> {
            try {
                deliver(key, event);
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    /** Notifications handed over but not yet answered. */
    public int inFlight() {
        return inFlight.get();
    }

    private void deliver(String key, String event) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                LambdaInvoker.Result result = lambda.invoke(function, event, Duration.ofMinutes(15));
                if (result.ok()) {
                    report(result.body());
                    return;
                }
                log.info("ingest s3://%s/%s failed (attempt %d of %d): %s", bucket, key, attempt, ATTEMPTS, errorMessage(result.body()));
            } catch (RuntimeException e) {
                log.info("ingest s3://%s/%s not delivered (attempt %d of %d): %s", bucket, key, attempt, ATTEMPTS, e.getMessage());
            }
            if (attempt < ATTEMPTS && !sleep(RETRY_DELAY)) {
                return;
            }
        }
        log.info("ingest s3://%s/%s given up after %d attempts (in AWS: the on-failure destination)", bucket, key, ATTEMPTS);
    }

    private void report(String body) {
        try {
            for (JsonNode file : JSON.readTree(body).path("files")) {
                if (file.has("executionArn")) {
                    log.info("ingested s3://%s/%s sha256 %s -> %s %s", file.path("bucket").asText(), file.path("key").asText(),
                            file.path("inputSha256").asText(), file.path("started").asBoolean() ? "started" : "already running",
                            file.path("executionArn").asText());
                } else {
                    log.info("ingest s3://%s/%s: %s, nothing started", file.path("bucket").asText(), file.path("key").asText(),
                            file.path("status").asText());
                }
            }
        } catch (IOException e) {
            log.info("ingest answered something that is not JSON: %s", body);
        }
    }

    static String errorMessage(String body) {
        try {
            JsonNode doc = JSON.readTree(body);
            return doc.path("errorType").asText() + ": " + doc.path("errorMessage").asText();
        } catch (IOException e) {
            return body;
        }
    }

    private static boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        DaemonThreads.stop(workers);
    }
}
