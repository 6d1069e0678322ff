package com.productflow.state;

/** Outcome of {@link FileStateStore#requeue}. */
public sealed interface RequeueResult {
    record Requeued(FileRecord record) implements RequeueResult {}

    /**
     * Not FAILED or QUARANTINED (or absent, {@code current} null): nothing was written. A SUPERSEDED file
     * is refused with a message naming the version that superseded it.
     */
    record NotRequeueable(String message, FileRecord current) implements RequeueResult {}
}
