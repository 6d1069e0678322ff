package com.productflow.state.dynamo;

import static com.productflow.state.dynamo.ItemCodec.ATTEMPTS;
import static com.productflow.state.dynamo.ItemCodec.EXECUTION_ID;
import static com.productflow.state.dynamo.ItemCodec.LAST_ERROR;
import static com.productflow.state.dynamo.ItemCodec.LEASE_EXPIRES_AT;
import static com.productflow.state.dynamo.ItemCodec.LEASE_OWNER;
import static com.productflow.state.dynamo.ItemCodec.MAX_ATTEMPTS;
import static com.productflow.state.dynamo.ItemCodec.OUTPUT_KEY;
import static com.productflow.state.dynamo.ItemCodec.OUTPUT_SHA256;
import static com.productflow.state.dynamo.ItemCodec.PARQUET_BYTES;
import static com.productflow.state.dynamo.ItemCodec.PARQUET_KEY;
import static com.productflow.state.dynamo.ItemCodec.PARQUET_ROWS;
import static com.productflow.state.dynamo.ItemCodec.PARQUET_SHA256;
import static com.productflow.state.dynamo.ItemCodec.PK;
import static com.productflow.state.dynamo.ItemCodec.PUBLISHED;
import static com.productflow.state.dynamo.ItemCodec.RECORDS;
import static com.productflow.state.dynamo.ItemCodec.STATUS;
import static com.productflow.state.dynamo.ItemCodec.TTL;
import static com.productflow.state.dynamo.ItemCodec.VERSION;

import com.productflow.common.io.Sha256;
import com.productflow.state.ClaimResult;
import com.productflow.state.CompleteResult;
import com.productflow.state.FailResult;
import com.productflow.state.FileError;
import com.productflow.state.FileId;
import com.productflow.state.FileOutputs;
import com.productflow.state.FileRecord;
import com.productflow.state.FileStateStore;
import com.productflow.state.FileStatus;
import com.productflow.state.LatestResult;
import com.productflow.state.LatestVersion;
import com.productflow.state.Page;
import com.productflow.state.PublishResult;
import com.productflow.state.RegisterResult;
import com.productflow.state.RenewResult;
import com.productflow.state.RequeueResult;
import com.productflow.state.Sequencer;
import com.productflow.state.StateStoreException;
import com.productflow.state.SupersedeResult;
import com.productflow.state.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link FileStateStore} on one DynamoDB table ({@link StateTableSchema}). Every transition is a single
 * conditional PutItem/UpdateItem whose condition is the transition's precondition, so the decision and
 * the write are one atomic step on the server; no transactions are needed (dynalite has none). Reads
 * after a refused write only explain the refusal, they never feed a write except through another
 * condition on {@code version}.
 */
public final class DynamoFileStateStore implements FileStateStore {
    private final DynamoDbClient client;
    private final String table;
    private final Clock clock;
    private final Duration retention;

    public DynamoFileStateStore(DynamoDbClient client, String table, Clock clock, Duration retention) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    public String table() {
        return table;
    }

    @Override
    public RegisterResult register(FileId id, String inputSha256, long inputBytes, int maxAttempts, Sequencer sequencer) {
        Sha256.requireHex(inputSha256, "inputSha256");
        if (inputBytes < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("inputBytes must be >= 0 and maxAttempts >= 1");
        }
        // The record can only vanish between the refused put and the read through TTL expiry: retry then.
        for (int round = 0; round < 3; round++) {
            Map<String, AttributeValue> item = ItemCodec.newItem(id, inputSha256, inputBytes, maxAttempts, sequencer, now());
            Expr e = new Expr();
            String condition = "attribute_not_exists(" + e.n(PK) + ")";
            try {
                call(() -> client.putItem(b -> b.tableName(table).item(item)
                        .conditionExpression(condition).expressionAttributeNames(e.names())));
                return new RegisterResult.Created(ItemCodec.toRecord(item));
            } catch (ConditionalCheckFailedException exists) {
                Optional<FileRecord> current = get(id);
                if (current.isPresent()) {
                    return new RegisterResult.AlreadyRegistered(current.get());
                }
            }
        }
        throw new StateStoreException("could not register " + id + " in table " + table + ": it keeps appearing and vanishing", null);
    }

    @Override
    public ClaimResult claim(FileId id, String owner, Duration lease, String executionId) {
        requireOwner(owner);
        requireLease(lease);
        Instant now = now();
        Expr e = new Expr();
        String inProgress = e.v("inProgress", FileStatus.IN_PROGRESS.name());
        Update update = Update.write(e, now)
                .set(STATUS, inProgress)
                .add(ATTEMPTS, e.v("one", 1))
                .set(LEASE_OWNER, e.v("owner", owner))
                .set(LEASE_EXPIRES_AT, e.v("leaseUntil", Timestamps.format(now.plus(lease))));
        if (executionId != null) {
            update.set(EXECUTION_ID, e.v("executionId", executionId));
        } else {
            update.remove(EXECUTION_ID);
        }
        String attemptsLeft = e.n(ATTEMPTS) + " < " + e.n(MAX_ATTEMPTS);
        String condition = "attribute_exists(" + e.n(PK) + ") AND ("
                + e.n(STATUS) + " = " + e.v("pending", FileStatus.PENDING.name())
                + " OR (" + e.n(STATUS) + " = " + e.v("failed", FileStatus.FAILED.name()) + " AND " + attemptsLeft + ")"
                + " OR (" + e.n(STATUS) + " = " + inProgress
                + " AND (" + e.n(LEASE_EXPIRES_AT) + " <= " + e.v("now", Timestamps.format(now))
                + " OR attribute_not_exists(" + e.n(LEASE_EXPIRES_AT) + ")) AND " + attemptsLeft + "))";
        try {
            return new ClaimResult.Claimed(update(id, update, condition, e));
        } catch (ConditionalCheckFailedException refused) {
            return explainRefusedClaim(id, now);
        }
    }

    private ClaimResult explainRefusedClaim(FileId id, Instant now) {
        Optional<FileRecord> found = get(id);
        if (found.isEmpty()) {
            return new ClaimResult.NotClaimable(ClaimResult.Reason.NOT_FOUND, id + " is not registered", null);
        }
        FileRecord current = found.get();
        return switch (current.status()) {
            case COMPLETED -> new ClaimResult.NotClaimable(ClaimResult.Reason.ALREADY_COMPLETED, id + " is already COMPLETED", current);
            case QUARANTINED -> new ClaimResult.NotClaimable(ClaimResult.Reason.QUARANTINED,
                    id + " is QUARANTINED after " + current.attempts() + " attempts; requeue it to retry", current);
            case SUPERSEDED -> new ClaimResult.NotClaimable(ClaimResult.Reason.SUPERSEDED,
                    id + " is SUPERSEDED by version " + current.supersededBy() + " of the same key", current);
            case IN_PROGRESS -> explainInProgress(current, now);
            case FAILED -> current.attempts() >= current.maxAttempts()
                    ? new ClaimResult.NotClaimable(ClaimResult.Reason.ATTEMPTS_EXHAUSTED,
                            id + " is FAILED with all " + current.maxAttempts() + " attempts used", current)
                    : changed(current);
            case PENDING -> changed(current);
        };
    }

    private ClaimResult explainInProgress(FileRecord current, Instant now) {
        if (!current.leaseExpired(now)) {
            return new ClaimResult.NotClaimable(ClaimResult.Reason.LEASED, current.id() + " is leased by "
                    + current.leaseOwner() + " until " + Timestamps.format(current.leaseExpiresAt()), current);
        }
        // Expired, yet the claim was refused: either no attempts are left, or it changed meanwhile.
        return current.attempts() >= current.maxAttempts() ? quarantineAbandoned(current, now) : changed(current);
    }

    private static ClaimResult changed(FileRecord current) {
        return new ClaimResult.NotClaimable(ClaimResult.Reason.CHANGED_CONCURRENTLY,
                current.id() + " changed while being claimed (now " + current.status() + " at version " + current.version() + ")", current);
    }

    /**
     * The worker on the last attempt let its lease expire (it died, or the file kills workers): park the
     * record instead of running it again. Conditional on the version we saw, so a concurrent change wins.
     */
    private ClaimResult quarantineAbandoned(FileRecord current, Instant now) {
        FileError error = new FileError("LeaseExpired", "the lease of " + current.leaseOwner() + " on attempt "
                + current.attempts() + " of " + current.maxAttempts() + " expired at "
                + Timestamps.format(current.leaseExpiresAt()) + " without a result", now);
        Expr e = new Expr();
        Update update = Update.write(e, now)
                .set(STATUS, e.v("quarantined", FileStatus.QUARANTINED.name()))
                .set(LAST_ERROR, e.v("error", ItemCodec.error(error)))
                .remove(LEASE_OWNER, LEASE_EXPIRES_AT);
        String condition = e.n(VERSION) + " = " + e.v("version", current.version());
        try {
            FileRecord parked = update(current.id(), update, condition, e);
            return new ClaimResult.NotClaimable(ClaimResult.Reason.QUARANTINED, current.id()
                    + " was QUARANTINED: " + error.message(), parked);
        } catch (ConditionalCheckFailedException moved) {
            return changed(get(current.id()).orElse(current));
        }
    }

    @Override
    public RenewResult renew(FileId id, String owner, long version, Duration lease) {
        requireOwner(owner);
        requireLease(lease);
        Instant now = now();
        Expr e = new Expr();
        Update update = Update.write(e, now).set(LEASE_EXPIRES_AT, e.v("leaseUntil", Timestamps.format(now.plus(lease))));
        try {
            return new RenewResult.Renewed(update(id, update, holderCondition(e, owner, version, null), e));
        } catch (ConditionalCheckFailedException refused) {
            Optional<FileRecord> current = get(id);
            return new RenewResult.LeaseLost(leaseLostMessage(id, owner, version, current), current.orElse(null));
        }
    }

    @Override
    public CompleteResult complete(FileId id, String owner, long version, FileOutputs outputs) {
        requireOwner(owner);
        Objects.requireNonNull(outputs, "outputs");
        Instant now = now();
        Expr e = new Expr();
        Update update = Update.write(e, now)
                .set(STATUS, e.v("completed", FileStatus.COMPLETED.name()))
                .set(RECORDS, e.v("records", outputs.records()))
                .set(PUBLISHED, e.v("published", outputs.published()))
                .set(TTL, e.v("ttl", now.plus(retention).getEpochSecond()))
                .remove(LEASE_OWNER, LEASE_EXPIRES_AT);
        if (outputs.outputKey() != null) {
            update.set(OUTPUT_KEY, e.v("outputKey", outputs.outputKey()))
                    .set(OUTPUT_SHA256, e.v("outputSha256", outputs.outputSha256()));
        }
        if (outputs.parquetKey() != null) {
            update.set(PARQUET_KEY, e.v("parquetKey", outputs.parquetKey()))
                    .set(PARQUET_SHA256, e.v("parquetSha256", outputs.parquetSha256()))
                    .set(PARQUET_ROWS, e.v("parquetRows", outputs.parquetRows()))
                    .set(PARQUET_BYTES, e.v("parquetBytes", outputs.parquetBytes()));
        }
        try {
            return new CompleteResult.Completed(update(id, update, holderCondition(e, owner, version, null), e));
        } catch (ConditionalCheckFailedException refused) {
            Optional<FileRecord> current = get(id);
            return new CompleteResult.LeaseLost(leaseLostMessage(id, owner, version, current), current.orElse(null));
        }
    }

    @Override
    public FailResult fail(FileId id, String owner, long version, FileError error, boolean permanent) {
        requireOwner(owner);
        Objects.requireNonNull(error, "error");
        Instant now = now();
        FileError stamped = new FileError(error.type(), error.message(), now);
        if (permanent) {
            try {
                return new FailResult.Quarantined(failTo(FileStatus.QUARANTINED, id, owner, version, stamped, now, null));
            } catch (ConditionalCheckFailedException refused) {
                Optional<FileRecord> current = get(id);
                return new FailResult.LeaseLost(leaseLostMessage(id, owner, version, current), current.orElse(null));
            }
        }
        // Two conditional writes instead of read-then-write: the first applies while attempts are left,
        // the second when none are; at most one can match a given version.
        try {
            return new FailResult.Failed(failTo(FileStatus.FAILED, id, owner, version, stamped, now, " < "));
        } catch (ConditionalCheckFailedException notFailed) {
            try {
                return new FailResult.Quarantined(failTo(FileStatus.QUARANTINED, id, owner, version, stamped, now, " >= "));
            } catch (ConditionalCheckFailedException notQuarantined) {
                Optional<FileRecord> current = get(id);
                return new FailResult.LeaseLost(leaseLostMessage(id, owner, version, current), current.orElse(null));
            }
        }
    }

    /** @param attemptsTest {@code " < "} or {@code " >= "} against maxAttempts, or null for no test on attempts. */
    private FileRecord failTo(FileStatus target, FileId id, String owner, long version, FileError error, Instant now,
            String attemptsTest) {
        Expr e = new Expr();
        Update update = Update.write(e, now)
                .set(STATUS, e.v("target", target.name()))
                .set(LAST_ERROR, e.v("error", ItemCodec.error(error)))
                .remove(LEASE_OWNER, LEASE_EXPIRES_AT);
        String attempts = attemptsTest == null ? null : e.n(ATTEMPTS) + attemptsTest + e.n(MAX_ATTEMPTS);
        return update(id, update, holderCondition(e, owner, version, attempts), e);
    }

    @Override
    public RequeueResult requeue(FileId id) {
        Expr e = new Expr();
        Update update = Update.write(e, now())
                .set(STATUS, e.v("pending", FileStatus.PENDING.name()))
                .set(ATTEMPTS, e.v("zero", 0))
                .remove(LEASE_OWNER, LEASE_EXPIRES_AT, TTL);
        String condition = e.n(STATUS) + " IN (" + e.v("failed", FileStatus.FAILED.name())
                + ", " + e.v("quarantined", FileStatus.QUARANTINED.name()) + ")";
        try {
            return new RequeueResult.Requeued(update(id, update, condition, e));
        } catch (ConditionalCheckFailedException refused) {
            Optional<FileRecord> current = get(id);
            String message = current.map(r -> r.status() == FileStatus.SUPERSEDED
                            ? id + " is SUPERSEDED by version " + r.supersededBy() + " of the same key, which is the one to"
                                    + " process; upload the file again to convert it anew"
                            : id + " is " + r.status() + "; only FAILED or QUARANTINED files can be requeued")
                    .orElse(id + " is not registered");
            return new RequeueResult.NotRequeueable(message, current.orElse(null));
        }
    }

    @Override
    public LatestResult recordLatest(FileId id, Sequencer sequencer) {
        Objects.requireNonNull(id, "id");
        if (sequencer == null) {
            // A listed version has no order: it never replaces an ordered one, and alone it is the newest.
            Optional<LatestVersion> latest = latest(id.bucket(), id.key());
            return latest.filter(l -> l.sequencer() != null).<LatestResult>map(LatestResult.Older::new)
                    .orElseGet(() -> new LatestResult.Newest(latest.orElse(null), null));
        }
        Expr e = new Expr();
        String mine = e.v("sequencer", sequencer.sortable());
        String version = e.v("version", id.versionLabel());
        Update update = new Update(e)
                .set(ItemCodec.BUCKET, e.v("bucket", id.bucket()))
                .set(ItemCodec.KEY, e.v("key", id.key()))
                .set(ItemCodec.LATEST_SEQUENCER, mine)
                .set(ItemCodec.LATEST_VERSION, version);
        // Padded to one width, sequencers order as text (Sequencer); the same version again is a no-op.
        String condition = "attribute_not_exists(" + e.n(ItemCodec.LATEST_SEQUENCER) + ") OR "
                + e.n(ItemCodec.LATEST_SEQUENCER) + " < " + mine + " OR (" + e.n(ItemCodec.LATEST_SEQUENCER) + " = " + mine
                + " AND " + e.n(ItemCodec.LATEST_VERSION) + " = " + version + ")";
        try {
            Map<String, AttributeValue> old = updateItem(ItemCodec.latestKey(id.bucket(), id.key()), update, condition, e,
                    ReturnValue.ALL_OLD);
            String previous = old == null || old.isEmpty() ? null : ItemCodec.toLatest(old).version();
            LatestVersion now = new LatestVersion(id.bucket(), id.key(), sequencer, id.versionLabel(),
                    old == null || old.isEmpty() ? null : ItemCodec.toLatest(old).published());
            return new LatestResult.Newest(now, id.versionLabel().equals(previous) ? null : previous);
        } catch (ConditionalCheckFailedException newer) {
            return new LatestResult.Older(latest(id.bucket(), id.key())
                    .orElseThrow(() -> new StateStoreException("the per-key record of " + id + " refused a write and vanished", null)));
        }
    }

    @Override
    public Optional<LatestVersion> latest(String bucket, String key) {
        Map<String, AttributeValue> item = call(() -> client.getItem(b -> b.tableName(table)
                .key(ItemCodec.latestKey(bucket, key)).consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ItemCodec.toLatest(item));
    }

    @Override
    public PublishResult claimPublication(FileId id, Sequencer sequencer) {
        Objects.requireNonNull(id, "id");
        Expr e = new Expr();
        Update update = new Update(e)
                .set(ItemCodec.BUCKET, e.v("bucket", id.bucket()))
                .set(ItemCodec.KEY, e.v("key", id.key()))
                .set(ItemCodec.PUBLISHED_VERSION, e.v("version", id.versionLabel()));
        // The sequencer is the fencing value: only the version the per-key record names as newest passes.
        String condition = sequencer == null
                ? "attribute_not_exists(" + e.n(ItemCodec.LATEST_SEQUENCER) + ")"
                : e.n(ItemCodec.LATEST_SEQUENCER) + " = " + e.v("sequencer", sequencer.sortable())
                        + " AND " + e.n(ItemCodec.LATEST_VERSION) + " = " + e.v("version", id.versionLabel());
        try {
            Map<String, AttributeValue> item = updateItem(ItemCodec.latestKey(id.bucket(), id.key()), update, condition, e,
                    ReturnValue.ALL_NEW);
            return new PublishResult.Granted(ItemCodec.toLatest(item));
        } catch (ConditionalCheckFailedException newer) {
            return new PublishResult.Superseded(latest(id.bucket(), id.key())
                    .orElseThrow(() -> new StateStoreException("the per-key record of " + id + " refused a write and vanished", null)));
        }
    }

    @Override
    public SupersedeResult supersede(FileId id, String supersededBy) {
        Objects.requireNonNull(supersededBy, "supersededBy");
        Instant now = now();
        Expr e = new Expr();
        Update update = Update.write(e, now)
                .set(STATUS, e.v("superseded", FileStatus.SUPERSEDED.name()))
                .set(ItemCodec.SUPERSEDED_BY, e.v("supersededBy", supersededBy))
                .set(TTL, e.v("ttl", now.plus(retention).getEpochSecond()))
                .remove(LEASE_OWNER, LEASE_EXPIRES_AT);
        String condition = e.n(STATUS) + " IN (" + e.v("pending", FileStatus.PENDING.name())
                + ", " + e.v("inProgress", FileStatus.IN_PROGRESS.name())
                + ", " + e.v("failed", FileStatus.FAILED.name())
                + ", " + e.v("quarantined", FileStatus.QUARANTINED.name()) + ")";
        try {
            return new SupersedeResult.Superseded(update(id, update, condition, e));
        } catch (ConditionalCheckFailedException refused) {
            Optional<FileRecord> current = get(id);
            return new SupersedeResult.Unchanged(current.map(r -> id + " is " + r.status() + ": left as it is")
                    .orElse(id + " is not registered"), current.orElse(null));
        }
    }

    @Override
    public Optional<FileRecord> get(FileId id) {
        Map<String, AttributeValue> item = call(() -> client.getItem(b -> b.tableName(table)
                .key(ItemCodec.key(id)).consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ItemCodec.toRecord(item));
    }

    @Override
    public List<FileRecord> findObject(String bucket, String key) {
        Expr e = new Expr();
        String condition = e.n(PK) + " = " + e.v("pk", FileId.objectKey(bucket, key));
        List<FileRecord> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = call(() -> client.query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression(condition).expressionAttributeNames(e.names())
                    .expressionAttributeValues(e.values()).consistentRead(true).exclusiveStartKey(from).build()));
            page.items().stream().filter(ItemCodec::isFileItem).forEach(item -> found.add(ItemCodec.toRecord(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        found.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
        return found;
    }

    @Override
    public Page<FileRecord> list(FileStatus status, int pageSize, Optional<String> cursor) {
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("pageSize must be between 1 and 1000, got " + pageSize);
        }
        Map<String, AttributeValue> start = cursor.map(c -> PageCursor.decode(c, status.name())).orElse(null);
        Expr e = new Expr();
        String condition = e.n(STATUS) + " = " + e.v("status", status.name());
        QueryResponse page = call(() -> client.query(QueryRequest.builder().tableName(table)
                .indexName(StateTableSchema.STATUS_INDEX)
                .keyConditionExpression(condition).expressionAttributeNames(e.names())
                .expressionAttributeValues(e.values()).limit(pageSize).scanIndexForward(true)
                .exclusiveStartKey(start).build()));
        List<FileRecord> items = page.items().stream().map(ItemCodec::toRecord).toList();
        boolean more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
        return new Page<>(items, more ? Optional.of(PageCursor.encode(page.lastEvaluatedKey())) : Optional.empty());
    }

    /** The precondition of finishing an attempt: still IN_PROGRESS, held by {@code owner}, at {@code version}. */
    private static String holderCondition(Expr e, String owner, long version, String extra) {
        return e.n(STATUS) + " = " + e.v("inProgress", FileStatus.IN_PROGRESS.name())
                + " AND " + e.n(LEASE_OWNER) + " = " + e.v("owner", owner)
                + " AND " + e.n(VERSION) + " = " + e.v("version", version)
                + (extra == null ? "" : " AND " + extra);
    }

    private static String leaseLostMessage(FileId id, String owner, long version, Optional<FileRecord> current) {
        return current.map(r -> "lease lost: " + owner + " presented version " + version + " of " + id + ", but it is "
                        + r.status() + " at version " + r.version()
                        + (r.leaseOwner() != null ? " leased by " + r.leaseOwner() : "") + "; nothing was written")
                .orElse("lease lost: " + id + " is not registered; nothing was written");
    }

    private FileRecord update(FileId id, Update update, String condition, Expr e) {
        return ItemCodec.toRecord(updateItem(ItemCodec.key(id), update, condition, e, ReturnValue.ALL_NEW));
    }

    private Map<String, AttributeValue> updateItem(Map<String, AttributeValue> key, Update update, String condition, Expr e,
            ReturnValue returnValue) {
        UpdateItemRequest request = UpdateItemRequest.builder()
                .tableName(table)
                .key(key)
                .updateExpression(update.expression())
                .conditionExpression(condition)
                .expressionAttributeNames(e.names())
                .expressionAttributeValues(e.values())
                .returnValues(returnValue)
                .build();
        return call(() -> client.updateItem(request)).attributes();
    }

    private Instant now() {
        return Timestamps.truncate(clock.instant());
    }

    private static void requireLease(Duration lease) {
        if (lease == null || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive, got " + lease);
        }
    }

    private static void requireOwner(String owner) {
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("owner must not be blank");
        }
    }

    /** Runs one request; conditional refusals pass through, other failures name the table. */
    private <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (ConditionalCheckFailedException refused) {
            throw refused;
        } catch (ResourceNotFoundException missing) {
            throw new StateStoreException("DynamoDB table " + table + " does not exist (setting STATE_TABLE): "
                    + missing.awsErrorDetails().errorMessage(), missing);
        } catch (DynamoDbException failed) {
            throw new StateStoreException("DynamoDB table " + table + ": " + failed.getMessage(), failed);
        } catch (SdkClientException unreachable) {
            throw new StateStoreException("cannot reach DynamoDB for table " + table + ": " + unreachable.getMessage(), unreachable);
        }
    }
}
