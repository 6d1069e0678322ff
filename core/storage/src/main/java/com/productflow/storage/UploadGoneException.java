package com.productflow.storage;

/**
 * A multipart upload this process was writing no longer exists: something aborted it under the writer (a run of
 * the same output cleaning up after a crashed one, an operator, the bucket's lifecycle rule). Not bad input: the
 * same write started again can succeed.
 */
public final class UploadGoneException extends ObjectStoreException {
    public UploadGoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
