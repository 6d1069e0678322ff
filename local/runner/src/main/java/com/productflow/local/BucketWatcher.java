package com.productflow.local;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Stands in for the S3 event notification, which s3proxy does not send: lists the input bucket every
 * {@code interval} and reports each object that is new or whose ETag changed (an overwrite), whoever put
 * it there ({@code aws s3 cp} included). Keys the template's filter would drop are ignored. An object
 * deleted and put again is reported again, as S3 would notify again.
 */
public final class BucketWatcher implements AutoCloseable {
    private final S3Client s3;
    private final String bucket;
    private final Consumer<S3Object> onCreated;
    private final LocalLog log;
    private final Map<String, String> seen = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("bucket-watcher"));
    private String lastProblem;

    private BucketWatcher(S3Client s3, String bucket, Consumer<S3Object> onCreated, LocalLog log) {
        this.s3 = s3;
        this.bucket = bucket;
        this.onCreated = onCreated;
        this.log = log;
    }

    public static BucketWatcher start(S3Client s3, String bucket, Duration interval, Consumer<S3Object> onCreated, LocalLog log) {
        BucketWatcher watcher = new BucketWatcher(s3, bucket, onCreated, log);
        watcher.timer.scheduleWithFixedDelay(watcher::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return watcher;
    }

    private void poll() {
        try {
            Set<String> present = new HashSet<>();
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
                present.add(object.key());
                if (S3Notifications.accepted(object.key()) && !object.eTag().equals(seen.put(object.key(), object.eTag()))) {
                    onCreated.accept(object);
                }
            }
            seen.keySet().retainAll(present);
            lastProblem = null;
        } catch (RuntimeException e) {
            if (timer.isShutdown()) {
                return; // close() interrupted a listing in flight: not a problem worth a line
            }
            // Keep watching (the server may be restarting); say so once, not every 200 ms.
            if (!String.valueOf(e.getMessage()).equals(lastProblem)) {
                lastProblem = String.valueOf(e.getMessage());
                log.info("watcher: cannot list s3://%s: %s", bucket, lastProblem);
            }
        }
    }

    @Override
    public void close() {
        DaemonThreads.stop(timer);
    }
}
