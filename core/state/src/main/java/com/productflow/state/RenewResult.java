package com.productflow.state;

/** Outcome of {@link FileStateStore#renew}. */
public sealed interface RenewResult {
    /** The lease now runs to {@code record().leaseExpiresAt()}; use {@code record().version()} from here on. */
    record Renewed(FileRecord record) implements RenewResult {}

    /** As {@link CompleteResult.LeaseLost}: nothing was written; stop working on the file. */
    record LeaseLost(String message, FileRecord current) implements RenewResult {}
}
