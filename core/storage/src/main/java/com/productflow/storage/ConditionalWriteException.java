package com.productflow.storage;

/**
 * A conditional write was refused (S3's 412 Precondition Failed or 409 ConditionalRequestConflict):
 * the key no longer holds what the writer saw before it decided to write. Nothing was written.
 */
public final class ConditionalWriteException extends ObjectStoreException {
    public ConditionalWriteException(ObjectLocation location, WriteCondition condition, Throwable cause) {
        super("conditional write to " + location + " refused (" + condition + "): another writer changed the key first", cause);
    }
}
