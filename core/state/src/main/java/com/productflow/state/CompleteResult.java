package com.productflow.state;

/** Outcome of {@link FileStateStore#complete}. */
public sealed interface CompleteResult {
    record Completed(FileRecord record) implements CompleteResult {}

    /**
     * The caller no longer holds the lease at the version it presented (it expired and was taken over,
     * or the record moved on): nothing was written. {@code current} is the record as it is now (null
     * when it does not exist).
     */
    record LeaseLost(String message, FileRecord current) implements CompleteResult {}
}
