package com.productflow.state;

/**
 * Where a file stands. PENDING → IN_PROGRESS → COMPLETED, or → FAILED (retried from that state) and,
 * once its attempts are used up or at once for a permanent failure (bad input), QUARANTINED (parked:
 * kept and visible, never retried automatically; an operator's {@code requeue} sends FAILED or
 * QUARANTINED back to PENDING).
 *
 * <p>SUPERSEDED: a newer version of the same key was registered (ordered by the S3 event's
 * {@link Sequencer}), so this one is not converted, or if it was converting, not published. Terminal:
 * never retried, never quarantined, never alarmed, never requeued; {@code supersededBy} names the newer
 * version.
 */
public enum FileStatus {
    PENDING,
    IN_PROGRESS,
    COMPLETED,
    FAILED,
    QUARANTINED,
    SUPERSEDED
}
