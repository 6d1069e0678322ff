package com.productflow.state;

/** Outcome of {@link FileStateStore#requeue}. */
public sealed interface RequeueResult {
    record Requeued(FileRecord record) implements RequeueResult {}

    /** Not FAILED or QUARANTINED (or absent, {@code current} null): nothing was written. */
    record NotRequeueable(String message, FileRecord current) implements RequeueResult {}
}
