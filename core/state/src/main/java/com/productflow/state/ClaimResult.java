package com.productflow.state;

/** Outcome of {@link FileStateStore#claim}. */
public sealed interface ClaimResult {
    /**
     * This caller now holds the lease; {@code record().version()} is the fencing token to pass to
     * {@code complete} or {@code fail}.
     */
    record Claimed(FileRecord record) implements ClaimResult {}

    /** Someone else holds it, it is finished or parked, or it does not exist. {@code current} may be null. */
    record NotClaimable(Reason reason, String message, FileRecord current) implements ClaimResult {}

    enum Reason {
        NOT_FOUND,
        /** IN_PROGRESS with a lease that has not expired. */
        LEASED,
        ALREADY_COMPLETED,
        QUARANTINED,
        /** A newer version of the key was registered: this one is never converted. */
        SUPERSEDED,
        /** FAILED with no attempts left (only when maxAttempts was lowered by hand). */
        ATTEMPTS_EXHAUSTED,
        /** The record changed between the attempt and the look that explains it: try again. */
        CHANGED_CONCURRENTLY
    }
}
