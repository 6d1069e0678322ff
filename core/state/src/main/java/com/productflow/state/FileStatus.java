package com.productflow.state;

/**
 * Where a file stands. PENDING → IN_PROGRESS → COMPLETED, or → FAILED (retried from that state) and,
 * once its attempts are used up, QUARANTINED (parked: kept and visible, never retried automatically;
 * an operator's {@code requeue} sends FAILED or QUARANTINED back to PENDING).
 */
public enum FileStatus {
    PENDING,
    IN_PROGRESS,
    COMPLETED,
    FAILED,
    QUARANTINED
}
