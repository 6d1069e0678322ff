package com.productflow.storage;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Passes every call to a real store, except that chosen operations fail a chosen number of times. */
final class FailingObjectStore extends ForwardingObjectStore {
    private volatile int failPart = -1;
    private final AtomicInteger partFailuresLeft = new AtomicInteger();
    private volatile boolean failCopy;
    final AtomicInteger partCalls = new AtomicInteger();

    FailingObjectStore(ObjectStore real) {
        super(real);
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
        return super.uploadPart(location, uploadId, partNumber, data, length, checksum);
    }

    @Override
    public void copy(ObjectLocation source, String ifMatch, ObjectLocation target, Map<String, String> metadata,
            String contentType, WriteCondition condition) {
        if (failCopy) {
            throw new ObjectStoreException("injected copy failure");
        }
        super.copy(source, ifMatch, target, metadata, contentType, condition);
    }
}
