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

    /** Creates the record as PENDING if absent; a duplicate returns the stored record unchanged. */
    RegisterResult register(FileId id, String inputSha256, long inputBytes, int maxAttempts);

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
     * IN_PROGRESS → FAILED (attempts left) or QUARANTINED (none left), only by {@code owner} at
     * {@code version}. The error's time is replaced by the store's clock.
     */
    FailResult fail(FileId id, String owner, long version, FileError error);

    /** FAILED or QUARANTINED → PENDING with attempts reset (an operator's action). */
    RequeueResult requeue(FileId id);

    Optional<FileRecord> get(FileId id);

    /** Every record of one object (all its versions/ETags), oldest first. */
    List<FileRecord> findObject(String bucket, String key);

    /** Records in {@code status}, least recently updated first, {@code pageSize} at most per page. */
    Page<FileRecord> list(FileStatus status, int pageSize, Optional<String> cursor);
}
