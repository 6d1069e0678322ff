package com.productflow.state;

/** Outcome of {@link FileStateStore#fail}. */
public sealed interface FailResult {
    /** FAILED, with attempts left: a later claim retries it. */
    record Failed(FileRecord record) implements FailResult {}

    /** That was the last attempt: QUARANTINED, never retried automatically. */
    record Quarantined(FileRecord record) implements FailResult {}

    /** As {@link CompleteResult.LeaseLost}: nothing was written. */
    record LeaseLost(String message, FileRecord current) implements FailResult {}
}
