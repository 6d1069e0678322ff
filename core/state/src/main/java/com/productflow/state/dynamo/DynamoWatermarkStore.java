package com.productflow.state.dynamo;

import com.productflow.common.watermark.Watermark;
import com.productflow.common.watermark.WatermarkStore;
import com.productflow.state.StateStoreException;
import com.productflow.state.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link WatermarkStore} as one item per stream in the state table: pk {@code watermark#<stream>},
 * sk {@code watermark}. The item has no {@code status}, so it stays out of the status index.
 * {@code lastUpdated} is stored as {@link Instant#toString()} (full precision, so the compare-and-set
 * matches exactly what was loaded).
 */
public final class DynamoWatermarkStore implements WatermarkStore {
    static final String SORT_KEY_VALUE = "watermark";
    private static final String LAST_UPDATED = "lastUpdated";
    private static final String EAN = "ean";
    private static final String STREAM = "stream";

    private final DynamoDbClient client;
    private final String table;
    private final Clock clock;

    public DynamoWatermarkStore(DynamoDbClient client, String table, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<Watermark> load(String stream) {
        Map<String, AttributeValue> item;
        try {
            item = client.getItem(b -> b.tableName(table).key(key(stream)).consistentRead(true)).item();
        } catch (SdkException e) {
            throw new StateStoreException("cannot load the watermark of stream '" + stream + "' from table " + table + ": " + e.getMessage(), e);
        }
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Watermark(Instant.parse(item.get(LAST_UPDATED).s()), item.get(EAN).s()));
    }

    @Override
    public boolean advance(String stream, Optional<Watermark> expected, Watermark next) {
        Objects.requireNonNull(next, "next");
        if (expected.isPresent() && next.compareTo(expected.get()) < 0) {
            throw new IllegalArgumentException("watermark of stream '" + stream + "' cannot move back from "
                    + expected.get() + " to " + next);
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(stream));
        item.put(STREAM, AttributeValue.fromS(stream));
        item.put(LAST_UPDATED, AttributeValue.fromS(next.lastUpdated().toString()));
        item.put(EAN, AttributeValue.fromS(next.ean()));
        item.put(StateTableSchema.UPDATED_AT, AttributeValue.fromS(Timestamps.format(clock.instant())));
        Expr e = new Expr();
        String condition = expected
                .map(w -> e.n(LAST_UPDATED) + " = " + e.v("lastUpdated", w.lastUpdated().toString())
                        + " AND " + e.n(EAN) + " = " + e.v("ean", w.ean()))
                .orElseGet(() -> "attribute_not_exists(" + e.n(StateTableSchema.PARTITION_KEY) + ")");
        try {
            client.putItem(b -> b.tableName(table).item(item).conditionExpression(condition)
                    .expressionAttributeNames(e.names()).expressionAttributeValues(e.values()));
            return true;
        } catch (ConditionalCheckFailedException movedMeanwhile) {
            return false;
        } catch (SdkException e2) {
            throw new StateStoreException("cannot advance the watermark of stream '" + stream + "' in table " + table + ": " + e2.getMessage(), e2);
        }
    }

    private static Map<String, AttributeValue> key(String stream) {
        if (stream == null || stream.isBlank()) {
            throw new IllegalArgumentException("stream must not be blank");
        }
        return Map.of(StateTableSchema.PARTITION_KEY, AttributeValue.fromS("watermark#" + stream),
                StateTableSchema.SORT_KEY, AttributeValue.fromS(SORT_KEY_VALUE));
    }
}
