package com.productflow.state.dynamo;

import com.productflow.state.FileError;
import com.productflow.state.FileId;
import com.productflow.state.FileRecord;
import com.productflow.state.FileStatus;
import com.productflow.state.LatestVersion;
import com.productflow.state.Sequencer;
import com.productflow.state.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps {@link FileRecord}s to DynamoDB items and back. Attribute names are the table's contract. */
final class ItemCodec {
    static final String PK = StateTableSchema.PARTITION_KEY;
    static final String SK = StateTableSchema.SORT_KEY;
    static final String BUCKET = "bucket";
    static final String KEY = "key";
    static final String VERSION_ID = "versionId";
    static final String ETAG = "etag";
    static final String STATUS = StateTableSchema.STATUS;
    static final String INPUT_SHA256 = "inputSha256";
    static final String INPUT_BYTES = "inputBytes";
    static final String ATTEMPTS = "attempts";
    static final String MAX_ATTEMPTS = "maxAttempts";
    static final String LEASE_OWNER = "leaseOwner";
    static final String LEASE_EXPIRES_AT = "leaseExpiresAt";
    static final String VERSION = "version";
    static final String EXECUTION_ID = "executionId";
    static final String OUTPUT_KEY = "outputKey";
    static final String OUTPUT_SHA256 = "outputSha256";
    static final String RECORDS = "records";
    static final String PUBLISHED = "published";
    static final String LAST_ERROR = "lastError";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = StateTableSchema.UPDATED_AT;
    static final String TTL = StateTableSchema.TTL_ATTRIBUTE;
    static final String SEQUENCER = "sequencer";
    static final String SUPERSEDED_BY = "supersededBy";
    static final String PARQUET_KEY = "parquetKey";
    static final String PARQUET_SHA256 = "parquetSha256";
    static final String PARQUET_ROWS = "parquetRows";
    static final String PARQUET_BYTES = "parquetBytes";
    /** The per-key record's sort key: it sorts apart from every file record ({@code v#...}, {@code e#...}). */
    static final String LATEST_SORT_KEY = "latest";
    /** Per-key record: the newest version's sequencer in {@link Sequencer#sortable()} form, and its id. */
    static final String LATEST_SEQUENCER = "latestSequencer";
    static final String LATEST_VERSION = "latestVersion";
    static final String PUBLISHED_VERSION = "publishedVersion";

    private ItemCodec() {}

    static Map<String, AttributeValue> key(FileId id) {
        return Map.of(PK, s(id.partitionKey()), SK, s(id.sortKey()));
    }

    /** The key of the per-key record of {@code bucket}/{@code key}. */
    static Map<String, AttributeValue> latestKey(String bucket, String key) {
        return Map.of(PK, s(FileId.objectKey(bucket, key)), SK, s(LATEST_SORT_KEY));
    }

    static boolean isFileItem(Map<String, AttributeValue> item) {
        AttributeValue sk = item.get(SK);
        return sk != null && !LATEST_SORT_KEY.equals(sk.s());
    }

    static LatestVersion toLatest(Map<String, AttributeValue> item) {
        String sequencer = str(item, LATEST_SEQUENCER);
        return new LatestVersion(str(item, BUCKET), str(item, KEY), sequencer == null ? null : Sequencer.fromSortable(sequencer),
                str(item, LATEST_VERSION), str(item, PUBLISHED_VERSION));
    }

    /** A new PENDING record's item. */
    static Map<String, AttributeValue> newItem(FileId id, String inputSha256, long inputBytes, int maxAttempts,
            Sequencer sequencer, Instant now) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(id));
        item.put(BUCKET, s(id.bucket()));
        item.put(KEY, s(id.key()));
        if (id.versionId() != null) {
            item.put(VERSION_ID, s(id.versionId()));
        } else {
            item.put(ETAG, s(id.etag()));
        }
        item.put(STATUS, s(FileStatus.PENDING.name()));
        item.put(INPUT_SHA256, s(inputSha256));
        item.put(INPUT_BYTES, n(inputBytes));
        item.put(ATTEMPTS, n(0));
        item.put(MAX_ATTEMPTS, n(maxAttempts));
        item.put(VERSION, n(1));
        if (sequencer != null) {
            item.put(SEQUENCER, s(sequencer.hex()));
        }
        String at = Timestamps.format(now);
        item.put(CREATED_AT, s(at));
        item.put(UPDATED_AT, s(at));
        return item;
    }

    static AttributeValue error(FileError error) {
        return AttributeValue.fromM(Map.of(
                "type", s(error.type()), "message", s(error.message()), "at", s(Timestamps.format(error.at()))));
    }

    static FileRecord toRecord(Map<String, AttributeValue> item) {
        FileId id = new FileId(str(item, BUCKET), str(item, KEY), str(item, VERSION_ID), str(item, ETAG));
        return new FileRecord(
                id,
                FileStatus.valueOf(str(item, STATUS)),
                str(item, INPUT_SHA256),
                longOr(item, INPUT_BYTES, 0),
                (int) longOr(item, ATTEMPTS, 0),
                (int) longOr(item, MAX_ATTEMPTS, 0),
                str(item, LEASE_OWNER),
                instant(item, LEASE_EXPIRES_AT),
                longOr(item, VERSION, 0),
                str(item, EXECUTION_ID),
                str(item, OUTPUT_KEY),
                str(item, OUTPUT_SHA256),
                longOrNull(item, RECORDS),
                longOrNull(item, PUBLISHED),
                lastError(item),
                instant(item, CREATED_AT),
                instant(item, UPDATED_AT),
                longOrNull(item, TTL),
                Sequencer.ofNullable(str(item, SEQUENCER)),
                str(item, SUPERSEDED_BY),
                str(item, PARQUET_KEY),
                str(item, PARQUET_SHA256),
                longOrNull(item, PARQUET_ROWS),
                longOrNull(item, PARQUET_BYTES));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static FileError lastError(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(LAST_ERROR);
        if (value == null || !value.hasM()) {
            return null;
        }
        Map<String, AttributeValue> m = value.m();
        return new FileError(str(m, "type"), str(m, "message"), instant(m, "at"));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String text = str(item, name);
        return text == null ? null : Timestamps.parse(text);
    }

    private static long longOr(Map<String, AttributeValue> item, String name, long fallback) {
        Long value = longOrNull(item, name);
        return value == null ? fallback : value;
    }

    private static Long longOrNull(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : Long.parseLong(value.n());
    }
}
