package com.productflow.state;

import java.time.Instant;
import java.util.Objects;

/**
 * One file's state as stored. Nullable fields are null when not (yet) known: the lease fields outside
 * IN_PROGRESS, the outputs before COMPLETED, {@code lastError} before a failure, {@code ttl} except on
 * COMPLETED records. {@code version} grows by one on every write and is the fencing token a worker
 * must present to finish its attempt. {@code sequencer} is the S3 event's order of this version among
 * the key's versions (null when registered from a listing); {@code supersededBy} names the newer
 * version (its version id or ETag) of a SUPERSEDED record. {@code outputKey}/{@code outputSha256} are the
 * XML output's (null when no XML is written), {@code parquetKey}/{@code parquetSha256}/{@code parquetRows}/
 * {@code parquetBytes} the Parquet output's (null when none is written, see {@link FileOutputs}).
 */
public record FileRecord(
        FileId id,
        FileStatus status,
        String inputSha256,
        long inputBytes,
        int attempts,
        int maxAttempts,
        String leaseOwner,
        Instant leaseExpiresAt,
        long version,
        String executionId,
        String outputKey,
        String outputSha256,
        Long records,
        Long published,
        FileError lastError,
        Instant createdAt,
        Instant updatedAt,
        Long ttl,
        Sequencer sequencer,
        String supersededBy,
        String parquetKey,
        String parquetSha256,
        Long parquetRows,
        Long parquetBytes) {
    public FileRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** True when a claim at {@code now} would find this record's lease (if any) expired. */
    public boolean leaseExpired(Instant now) {
        return leaseExpiresAt == null || !now.isBefore(leaseExpiresAt);
    }
}
