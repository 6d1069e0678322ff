package com.productflow.state.dynamo;

import static com.productflow.state.dynamo.ItemCodec.ATTEMPTS;
import static com.productflow.state.dynamo.ItemCodec.EXECUTION_ID;
import static com.productflow.state.dynamo.ItemCodec.LAST_ERROR;
import static com.productflow.state.dynamo.ItemCodec.LEASE_EXPIRES_AT;
import static com.productflow.state.dynamo.ItemCodec.LEASE_OWNER;
import static com.productflow.state.dynamo.ItemCodec.MAX_ATTEMPTS;
import static com.productflow.state.dynamo.ItemCodec.OUTPUT_KEY;
import static com.productflow.state.dynamo.ItemCodec.OUTPUT_SHA256;
import static com.productflow.state.dynamo.ItemCodec.PK;
import static com.productflow.state.dynamo.ItemCodec.PUBLISHED;
import static com.productflow.state.dynamo.ItemCodec.RECORDS;
import static com.productflow.state.dynamo.ItemCodec.STATUS;
import static com.productflow.state.dynamo.ItemCodec.TTL;
import static com.productflow.state.dynamo.ItemCodec.UPDATED_AT;
import static com.productflow.state.dynamo.ItemCodec.VERSION;

import com.productflow.state.ClaimResult;
import com.productflow.state.CompleteResult;
import com.productflow.state.FailResult;
import com.productflow.state.FileError;
import com.productflow.state.FileId;
import com.productflow.state.FileOutputs;
import com.productflow.state.FileRecord;
import com.productflow.state.FileStateStore;
import com.productflow.state.FileStatus;
import com.productflow.state.Page;
import com.productflow.state.RegisterResult;
import com.productflow.state.RenewResult;
import com.productflow.state.RequeueResult;
import com.productflow.state.StateStoreException;
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
    public RegisterResult register(FileId id, String inputSha256, long inputBytes, int maxAttempts) {
        if (inputSha256 == null || !inputSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("inputSha256 must be 64 lower-case hex characters, got '" + inputSha256 + "'");
        }
        if (inputBytes < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("inputBytes must be >= 0 and maxAttempts >= 1");
        }
        // The record can only vanish between the refused put and the read through TTL expiry: retry then.
        for (int round = 0; round < 3; round++) {
            Map<String, AttributeValue> item = ItemCodec.newItem(id, inputSha256, inputBytes, maxAttempts, now());
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
        String one = e.v("one", 1);
        String set = "SET " + e.n(STATUS) + " = " + inProgress
                + ", " + e.n(ATTEMPTS) + " = " + e.n(ATTEMPTS) + " + " + one
                + ", " + e.n(VERSION) + " = " + e.n(VERSION) + " + " + one
                + ", " + e.n(LEASE_OWNER) + " = " + e.v("owner", owner)
                + ", " + e.n(LEASE_EXPIRES_AT) + " = " + e.v("leaseUntil", Timestamps.format(now.plus(lease)))
                + ", " + e.n(UPDATED_AT) + " = " + e.v("now", Timestamps.format(now))
                + (executionId != null ? ", " + e.n(EXECUTION_ID) + " = " + e.v("executionId", executionId) : "");
        String remove = executionId == null ? " REMOVE " + e.n(EXECUTION_ID) : "";
        String attemptsLeft = e.n(ATTEMPTS) + " < " + e.n(MAX_ATTEMPTS);
        String condition = "attribute_exists(" + e.n(PK) + ") AND ("
                + e.n(STATUS) + " = " + e.v("pending", FileStatus.PENDING.name())
                + " OR (" + e.n(STATUS) + " = " + e.v("failed", FileStatus.FAILED.name()) + " AND " + attemptsLeft + ")"
                + " OR (" + e.n(STATUS) + " = " + inProgress
                + " AND (" + e.n(LEASE_EXPIRES_AT) + " <= " + e.v("now", Timestamps.format(now))
                + " OR attribute_not_exists(" + e.n(LEASE_EXPIRES_AT) + ")) AND " + attemptsLeft + "))";
        try {
            return new ClaimResult.Claimed(update(id, set + remove, condition, e));
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
        String set = "SET " + e.n(STATUS) + " = " + e.v("quarantined", FileStatus.QUARANTINED.name())
                + ", " + e.n(LAST_ERROR) + " = " + e.v("error", ItemCodec.error(error))
                + ", " + e.n(VERSION) + " = " + e.n(VERSION) + " + " + e.v("one", 1)
                + ", " + e.n(UPDATED_AT) + " = " + e.v("now", Timestamps.format(now))
                + " REMOVE " + e.n(LEASE_OWNER) + ", " + e.n(LEASE_EXPIRES_AT);
        String condition = e.n(VERSION) + " = " + e.v("version", current.version());
        try {
            FileRecord parked = update(current.id(), set, condition, e);
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
        String set = "SET " + e.n(LEASE_EXPIRES_AT) + " = " + e.v("leaseUntil", Timestamps.format(now.plus(lease)))
                + ", " + e.n(VERSION) + " = " + e.n(VERSION) + " + " + e.v("one", 1)
                + ", " + e.n(UPDATED_AT) + " = " + e.v("now", Timestamps.format(now));
        try {
            return new RenewResult.Renewed(update(id, set, holderCondition(e, owner, version, null), e));
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
        String set = "SET " + e.n(STATUS) + " = " + e.v("completed", FileStatus.COMPLETED.name())
                + ", " + e.n(OUTPUT_KEY) + " = " + e.v("outputKey", outputs.outputKey())
                + ", " + e.n(OUTPUT_SHA256) + " = " + e.v("outputSha256", outputs.outputSha256())
                + ", " + e.n(RECORDS) + " = " + e.v("records", outputs.records())
                + ", " + e.n(PUBLISHED) + " = " + e.v("published", outputs.published())
                + ", " + e.n(TTL) + " = " + e.v("ttl", now.plus(retention).getEpochSecond())
                + ", " + e.n(VERSION) + " = " + e.n(VERSION) + " + " + e.v("one", 1)
                + ", " + e.n(UPDATED_AT) + " = " + e.v("now", Timestamps.format(now))
                + " REMOVE " + e.n(LEASE_OWNER) + ", " + e.n(LEASE_EXPIRES_AT);
        try {
            return new CompleteResult.Completed(update(id, set, holderCondition(e, owner, version, null), e));
        } catch (ConditionalCheckFailedException refused) {
            Optional<FileRecord> current = get(id);
            return new CompleteResult.LeaseLost(leaseLostMessage(id, owner, version, current), current.orElse(null));
        }
    }

    @Override
    public FailResult fail(FileId id, String owner, long version, FileError error) {
        requireOwner(owner);
        Objects.requireNonNull(error, "error");
        Instant now = now();
        FileError stamped = new FileError(error.type(), error.message(), now);
        // Two conditional writes instead of read-then-write: the first applies while attempts are left,
        // the second when none are; at most one can match a given version.
        try {
            return new FailResult.Failed(failTo(FileStatus.FAILED, id, owner, version, stamped, now));
        } catch (ConditionalCheckFailedException notFailed) {
            try {
                return new FailResult.Quarantined(failTo(FileStatus.QUARANTINED, id, owner, version, stamped, now));
            } catch (ConditionalCheckFailedException notQuarantined) {
                Optional<FileRecord> current = get(id);
                return new FailResult.LeaseLost(leaseLostMessage(id, owner, version, current), current.orElse(null));
            }
        }
    }

    private FileRecord failTo(FileStatus target, FileId id, String owner, long version, FileError error, Instant now) {
        Expr e = new Expr();
        String set = "SET " + e.n(STATUS) + " = " + e.v("target", target.name())
                + ", " + e.n(LAST_ERROR) + " = " + e.v("error", ItemCodec.error(error))
                + ", " + e.n(VERSION) + " = " + e.n(VERSION) + " + " + e.v("one", 1)
                + ", " + e.n(UPDATED_AT) + " = " + e.v("now", Timestamps.format(now))
                + " REMOVE " + e.n(LEASE_OWNER) + ", " + e.n(LEASE_EXPIRES_AT);
        String attempts = e.n(ATTEMPTS) + (target == FileStatus.FAILED ? " < " : " >= ") + e.n(MAX_ATTEMPTS);
        return update(id, set, holderCondition(e, owner, version, attempts), e);
    }

    @Override
    public RequeueResult requeue(FileId id) {
        Expr e = new Expr();
        String set = "SET " + e.n(STATUS) + " = " + e.v("pending", FileStatus.PENDING.name())
                + ", " + e.n(ATTEMPTS) + " = " + e.v("zero", 0)
                + ", " + e.n(VERSION) + " = " + e.n(VERSION) + " + " + e.v("one", 1)
                + ", " + e.n(UPDATED_AT) + " = " + e.v("now", Timestamps.format(now()))
                + " REMOVE " + e.n(LEASE_OWNER) + ", " + e.n(LEASE_EXPIRES_AT) + ", " + e.n(TTL);
        String condition = e.n(STATUS) + " IN (" + e.v("failed", FileStatus.FAILED.name())
                + ", " + e.v("quarantined", FileStatus.QUARANTINED.name()) + ")";
        try {
            return new RequeueResult.Requeued(update(id, set, condition, e));
        } catch (ConditionalCheckFailedException refused) {
            Optional<FileRecord> current = get(id);
            String message = current.map(r -> id + " is " + r.status() + "; only FAILED or QUARANTINED files can be requeued")
                    .orElse(id + " is not registered");
            return new RequeueResult.NotRequeueable(message, current.orElse(null));
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
            page.items().forEach(item -> found.add(ItemCodec.toRecord(item)));
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

    private FileRecord update(FileId id, String updateExpression, String condition, Expr e) {
        UpdateItemRequest request = UpdateItemRequest.builder()
                .tableName(table)
                .key(ItemCodec.key(id))
                .updateExpression(updateExpression)
                .conditionExpression(condition)
                .expressionAttributeNames(e.names())
                .expressionAttributeValues(e.values())
                .returnValues(ReturnValue.ALL_NEW)
                .build();
        return ItemCodec.toRecord(call(() -> client.updateItem(request)).attributes());
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
