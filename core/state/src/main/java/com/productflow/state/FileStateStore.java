package com.productflow.state;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Port for file state records. Every transition is one conditional write, so racing workers, duplicate
 * events and crashes cannot lose a file or let two workers finish the same attempt. Adapters must pass
 * the contract test suite ({@code FileStateStoreContract}) so they all behave the same.
 */
public interface FileStateStore {

    /**
     * Creates the record as PENDING if absent, with the S3 event's {@code sequencer} (null when the
     * version comes from a listing); a duplicate returns the stored record unchanged.
     */
    RegisterResult register(FileId id, String inputSha256, long inputBytes, int maxAttempts, Sequencer sequencer);

    default RegisterResult register(FileId id, String inputSha256, long inputBytes, int maxAttempts) {
        return register(id, inputSha256, inputBytes, maxAttempts, null);
    }

    /**
     * Makes {@code id} the newest version of its key in the per-key record if {@code sequencer} is
     * greater (padded comparison) than the one recorded, in one conditional write; a version without a
     * sequencer never replaces an ordered one. Idempotent for the same version.
     */
    LatestResult recordLatest(FileId id, Sequencer sequencer);

    /** The per-key record of {@code bucket}/{@code key}, if any version of it was registered with a sequencer or published. */
    Optional<LatestVersion> latest(String bucket, String key);

    /**
     * The fence of publication: records {@code id} as publishing its key's outputs, only if it is still
     * the newest version (its {@code sequencer} equals the per-key record's; for a version without one,
     * only while no ordered version exists), in one conditional write. Check it immediately before
     * writing an output, and write that output conditionally on what the output was before the check.
     */
    PublishResult claimPublication(FileId id, Sequencer sequencer);

    /**
     * PENDING, IN_PROGRESS, FAILED or QUARANTINED → SUPERSEDED with {@code supersededBy} (the newer
     * version's id), lease removed. A worker still holding a lease then loses it: its complete/fail
     * writes nothing. COMPLETED and SUPERSEDED records stay as they are.
     */
    SupersedeResult supersede(FileId id, String supersededBy);

    /**
     * PENDING, FAILED with attempts left, or IN_PROGRESS with an expired lease (and attempts left) →
     * IN_PROGRESS held by {@code owner} for {@code lease}, attempts+1, version+1. Of N concurrent
     * claimers exactly one wins. An expired lease on the last attempt (the worker died on it) parks the
     * record as QUARANTINED instead of running it again.
     *
     * @param executionId the workflow execution doing the work, recorded for operators; may be null
     */
    ClaimResult claim(FileId id, String owner, Duration lease, String executionId);

    default ClaimResult claim(FileId id, String owner, Duration lease) {
        return claim(id, owner, lease, null);
    }

    /**
     * Extends the lease of the holder {@code owner} at {@code version} to now + {@code lease}, for work
     * that outlasts one lease. Like every write it bumps the version: keep the returned one.
     */
    RenewResult renew(FileId id, String owner, long version, Duration lease);

    /** IN_PROGRESS → COMPLETED, only by {@code owner} at {@code version} (the claim's fencing token). */
    CompleteResult complete(FileId id, String owner, long version, FileOutputs outputs);

    /**
     * IN_PROGRESS → FAILED (attempts left) or QUARANTINED (none left, or {@code permanent}), only by
     * {@code owner} at {@code version}. The error's time is replaced by the store's clock.
     */
    FailResult fail(FileId id, String owner, long version, FileError error, boolean permanent);

    /** {@link #fail(FileId, String, long, FileError, boolean)} of a failure that another attempt may fix. */
    default FailResult fail(FileId id, String owner, long version, FileError error) {
        return fail(id, owner, version, error, false);
    }

    /** FAILED or QUARANTINED → PENDING with attempts reset (an operator's action). */
    RequeueResult requeue(FileId id);

    Optional<FileRecord> get(FileId id);

    /** Every file record of one object (all its versions/ETags), oldest first; not the per-key record. */
    List<FileRecord> findObject(String bucket, String key);

    /** Records in {@code status}, least recently updated first, {@code pageSize} at most per page. */
    Page<FileRecord> list(FileStatus status, int pageSize, Optional<String> cursor);
}
