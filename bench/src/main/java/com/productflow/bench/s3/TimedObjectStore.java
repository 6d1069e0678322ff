package com.productflow.bench.s3;

import com.productflow.storage.ForwardingObjectStore;
import com.productflow.storage.ObjectInfo;
import com.productflow.storage.ObjectLocation;
import com.productflow.storage.ObjectStore;
import com.productflow.storage.PartChecksum;
import com.productflow.storage.UploadedPart;
import com.productflow.storage.WriteCondition;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Wall time spent in the publication steps of an upload (complete, copy, delete, head), which
 * run after the last byte was written and so add to a conversion's wall time one after another.
 */
final class TimedObjectStore extends ForwardingObjectStore {
    private final Map<String, Long> nanos = new TreeMap<>();

    TimedObjectStore(ObjectStore store) {
        super(store);
    }

    /** Seconds per step since the last call, then resets. */
    synchronized String drain() {
        StringBuilder s = new StringBuilder();
        nanos.forEach((k, v) -> s.append(String.format(Locale.ROOT, "%s %.2f s, ", k, v / 1e9)));
        nanos.clear();
        return s.length() == 0 ? "none" : s.substring(0, s.length() - 2);
    }

    private <T> T timed(String step, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } finally {
            long took = System.nanoTime() - start;
            synchronized (this) {
                nanos.merge(step, took, Long::sum);
            }
        }
    }

    private void timed(String step, Runnable call) {
        timed(step, () -> {
            call.run();
            return null;
        });
    }

    @Override
    public Optional<ObjectInfo> head(ObjectLocation location, String versionId) {
        return timed("head", () -> delegate.head(location, versionId));
    }

    @Override
    public void put(ObjectLocation location, byte[] data, int length, String sha256Base64, Map<String, String> metadata,
            String contentType, WriteCondition condition) {
        timed("put", () -> delegate.put(location, data, length, sha256Base64, metadata, contentType, condition));
    }

    @Override
    public String startMultipart(ObjectLocation location, Map<String, String> metadata, String contentType,
            PartChecksum partChecksum) {
        return timed("start", () -> delegate.startMultipart(location, metadata, contentType, partChecksum));
    }

    @Override
    public UploadedPart uploadPartCopy(ObjectLocation source, String ifMatch, long first, long last, ObjectLocation target,
            String uploadId, int partNumber) {
        return timed("part-copy (sum)", () -> delegate.uploadPartCopy(source, ifMatch, first, last, target, uploadId, partNumber));
    }

    @Override
    public void completeMultipart(ObjectLocation location, String uploadId, List<UploadedPart> parts, WriteCondition condition) {
        timed("complete", () -> delegate.completeMultipart(location, uploadId, parts, condition));
    }

    @Override
    public void copy(ObjectLocation source, String ifMatch, ObjectLocation target, Map<String, String> metadata,
            String contentType, WriteCondition condition) {
        timed("copy", () -> delegate.copy(source, ifMatch, target, metadata, contentType, condition));
    }

    @Override
    public void delete(ObjectLocation location) {
        timed("delete", () -> delegate.delete(location));
    }
}
