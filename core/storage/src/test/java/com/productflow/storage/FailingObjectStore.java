package com.productflow.storage;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Passes every call to a real store, except that chosen operations fail a chosen number of times. */
final class FailingObjectStore implements ObjectStore {
    private final ObjectStore real;
    private volatile int failPart = -1;
    private final AtomicInteger partFailuresLeft = new AtomicInteger();
    private volatile boolean failCopy;
    final AtomicInteger partCalls = new AtomicInteger();

    FailingObjectStore(ObjectStore real) {
        this.real = real;
    }

    /** Part {@code number} fails {@code times} times (Integer.MAX_VALUE = always). */
    FailingObjectStore failPart(int number, int times) {
        failPart = number;
        partFailuresLeft.set(times);
        return this;
    }

    FailingObjectStore failCopy() {
        failCopy = true;
        return this;
    }

    @Override
    public UploadedPart uploadPart(ObjectLocation location, String uploadId, int partNumber, byte[] data, int length,
            PartChecksum.Value checksum) {
        partCalls.incrementAndGet();
        if (partNumber == failPart && partFailuresLeft.getAndDecrement() > 0) {
            throw new ObjectStoreException("injected failure of part " + partNumber);
        }
        return real.uploadPart(location, uploadId, partNumber, data, length, checksum);
    }

    @Override
    public void copy(ObjectLocation source, String ifMatch, ObjectLocation target, Map<String, String> metadata,
            String contentType) {
        if (failCopy) {
            throw new ObjectStoreException("injected copy failure");
        }
        real.copy(source, ifMatch, target, metadata, contentType);
    }

    @Override
    public Optional<ObjectInfo> head(ObjectLocation location) {
        return real.head(location);
    }

    @Override
    public InputStream get(ObjectLocation location) {
        return real.get(location);
    }

    @Override
    public InputStream getRange(ObjectLocation location, long first, long last, String ifMatch) {
        return real.getRange(location, first, last, ifMatch);
    }

    @Override
    public void put(ObjectLocation location, byte[] data, int length, String sha256Base64, Map<String, String> metadata,
            String contentType) {
        real.put(location, data, length, sha256Base64, metadata, contentType);
    }

    @Override
    public String startMultipart(ObjectLocation location, Map<String, String> metadata, String contentType,
            PartChecksum partChecksum) {
        return real.startMultipart(location, metadata, contentType, partChecksum);
    }

    @Override
    public UploadedPart uploadPartCopy(ObjectLocation source, String ifMatch, long first, long last,
            ObjectLocation target, String uploadId, int partNumber) {
        return real.uploadPartCopy(source, ifMatch, first, last, target, uploadId, partNumber);
    }

    @Override
    public void completeMultipart(ObjectLocation location, String uploadId, List<UploadedPart> parts) {
        real.completeMultipart(location, uploadId, parts);
    }

    @Override
    public void abortMultipart(ObjectLocation location, String uploadId) {
        real.abortMultipart(location, uploadId);
    }

    @Override
    public List<PendingUpload> listMultipartUploads(String bucket, String prefix) {
        return real.listMultipartUploads(bucket, prefix);
    }

    @Override
    public void delete(ObjectLocation location) {
        real.delete(location);
    }

    @Override
    public List<String> list(String bucket, String prefix) {
        return real.list(bucket, prefix);
    }

    @Override
    public ObjectListing listPage(String bucket, String prefix, String continuationToken, int maxKeys) {
        return real.listPage(bucket, prefix, continuationToken, maxKeys);
    }
}
