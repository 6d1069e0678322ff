package com.productflow.local;

import com.productflow.stack.s3.S3Stack;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Stands in for the S3 event notification of the input bucket: the local S3 server's store reports every object
 * created (put, copy, completed multipart upload; {@code aws s3 cp} included), as S3 reports it to EventBridge,
 * and each accepted key is handed on, one event per write, in the order the writes of a key were stored.
 * Objects already in the bucket when the watcher starts are reported once, as the events S3 would have sent
 * while no one listened. Keys the template's filter would drop are ignored.
 */
public final class BucketWatcher implements AutoCloseable {
    /** What the dispatcher is told of an object: its key, ETag and size. */
    public interface Listener {
        void objectCreated(String key, String eTag, long size);
    }

    private final S3Stack s3;

    private BucketWatcher(S3Stack s3) {
        this.s3 = s3;
    }

    public static BucketWatcher start(S3Stack s3, S3Client client, String bucket, Listener listener) {
        return start(s3, client, bucket, listener, object -> true);
    }

    /**
     * As {@link #start(S3Stack, S3Client, String, Listener)}, reporting of the objects already there only those
     * {@code unfinished} accepts (a restart on a data dir: the files with no record yet, whose event a crash lost or
     * that arrived while the system was down, not every file ever done).
     */
    public static BucketWatcher start(S3Stack s3, S3Client client, String bucket, Listener listener,
                                      java.util.function.Predicate<S3Object> unfinished) {
        Consumer<S3Stack.ObjectCreated> events = created -> {
            if (created.bucket().equals(bucket) && S3Notifications.accepted(created.key())) {
                listener.objectCreated(created.key(), created.eTag(), created.size() == null ? 0 : created.size());
            }
        };
        s3.onObjectCreated(events);
        for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            if (S3Notifications.accepted(object.key()) && unfinished.test(object)) {
                listener.objectCreated(object.key(), object.eTag(), object.size());
            }
        }
        return new BucketWatcher(s3);
    }

    @Override
    public void close() {
        s3.onObjectCreated(created -> { });
    }
}
