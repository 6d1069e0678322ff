package com.productflow.stack.s3;

import java.io.InputStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * s3proxy's store, telling a listener of every object created, as S3 sends its "Object Created" events: after a
 * put, a copy or a completed multipart upload has stored the object. Writes of one key are serialised with
 * their notification, so the listener hears of the versions of a key in the order they were stored (S3's
 * sequencer order); writes of different keys still run at once.
 */
final class NotifyingBlobStore extends ForwardingBlobStore {
    /** One lock per key being written, removed when its last writer is done (a long-running local writes many keys). */
    private final ConcurrentMap<String, KeyLock> keyLocks = new ConcurrentHashMap<>();
    private volatile Consumer<S3Stack.ObjectCreated> listener = created -> { };

    NotifyingBlobStore(BlobStore store) {
        super(store);
    }

    void listener(Consumer<S3Stack.ObjectCreated> value) {
        listener = value;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        if (request.key().startsWith(TornMultipartUploads.FRONT_END_STUB_PREFIX)) {
            return super.putBlob(request, content);
        }
        // What a put stored is what it was given: its event needs no read of the object's metadata (a third of a put).
        return created(request.bucket(), request.key(), () -> super.putBlob(request, content),
                response -> response.eTag() == null || request.contentLength() == null ? null
                        : new S3Stack.ObjectCreated(request.bucket(), request.key(), response.eTag(), request.contentLength()));
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        return created(request.destinationBucket(), request.destinationKey(), () -> super.copyBlob(request), response -> null);
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload, CompleteMultipartUploadRequest request) {
        return created(request.bucket(), request.key(), () -> super.completeMultipartUpload(upload, request), response -> null);
    }

    /**
     * @param known the event the write's response already describes, or null to read the stored object's
     *              metadata (a copy's or a multipart upload's length is only known once stored)
     */
    private <T> T created(String bucket, String key, Supplier<T> write, Function<T, S3Stack.ObjectCreated> known) {
        String name = bucket + '/' + key;
        KeyLock lock = keyLocks.compute(name, (k, held) -> (held == null ? new KeyLock() : held).join());
        try {
            synchronized (lock) {
                T response = write.get();
                S3Stack.ObjectCreated event = known.apply(response);
                if (event == null) {
                    HeadObjectResponse stored = delegate().blobMetadata(bucket, key);
                    event = new S3Stack.ObjectCreated(bucket, key, stored.eTag(), stored.contentLength());
                }
                listener.accept(event);
                return response;
            }
        } finally {
            keyLocks.compute(name, (k, held) -> held.leave());
        }
    }

    /** A key's lock and how many writers hold or wait for it; changed only inside the map's {@code compute}. */
    private static final class KeyLock {
        private int writers;

        KeyLock join() {
            writers++;
            return this;
        }

        /** Null (out of the map) once the last writer left. */
        KeyLock leave() {
            return --writers == 0 ? null : this;
        }
    }
}
