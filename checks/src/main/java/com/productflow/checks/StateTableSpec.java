package com.productflow.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The parts of the DynamoDB file-state table that code and infrastructure must agree on, in a form
 * every side can be reduced to: terraform's {@code aws_dynamodb_table}, the template's standalone
 * {@code AWS::DynamoDB::Table}, and the state module's {@code StateTableSchema} (the expected one, see
 * the tests' {@code CodeStateTable}). The table name is deliberately not part of it (each environment
 * names its own table).
 *
 * @param billingMode        PAY_PER_REQUEST or PROVISIONED
 * @param hashKey            partition key attribute name
 * @param rangeKey           sort key attribute name ("" when none)
 * @param attributeTypes     declared key attributes and their types (S, N, B)
 * @param globalIndexes      global secondary indexes, by name
 * @param ttlAttribute       TTL attribute name ("" when TTL is off)
 * @param pointInTimeRecovery continuous backups on
 * @param serverSideEncryption SSE explicitly enabled
 */
public record StateTableSpec(
        String billingMode,
        String hashKey,
        String rangeKey,
        SortedMap<String, String> attributeTypes,
        SortedMap<String, Index> globalIndexes,
        String ttlAttribute,
        boolean pointInTimeRecovery,
        boolean serverSideEncryption) {

    /** A global secondary index. */
    public record Index(String name, String hashKey, String rangeKey, String projection) {
    }

    public StateTableSpec {
        attributeTypes = new TreeMap<>(attributeTypes);
        globalIndexes = new TreeMap<>(globalIndexes);
    }

    /** Builds the index map from a list, keyed by index name. */
    public static SortedMap<String, Index> indexes(Index... indexes) {
        SortedMap<String, Index> out = new TreeMap<>();
        for (Index index : indexes) {
            out.put(index.name(), index);
        }
        return out;
    }

    /** Every field where {@code actual} differs from this (the expected spec), as readable lines. */
    public List<String> differencesFrom(StateTableSpec actual) {
        List<String> out = new ArrayList<>();
        compare(out, "billing mode", billingMode, actual.billingMode);
        compare(out, "hash key", hashKey, actual.hashKey);
        compare(out, "range key", rangeKey, actual.rangeKey);
        compare(out, "attribute definitions", attributeTypes, actual.attributeTypes);
        compare(out, "global secondary indexes", globalIndexes, actual.globalIndexes);
        compare(out, "TTL attribute", ttlAttribute, actual.ttlAttribute);
        compare(out, "point-in-time recovery", pointInTimeRecovery, actual.pointInTimeRecovery);
        compare(out, "server-side encryption", serverSideEncryption, actual.serverSideEncryption);
        return out;
    }

    private static void compare(List<String> out, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            out.add(what + ": expected " + expected + " but was " + actual);
        }
    }

    /** Convenience for literals: {@code attributes("pk", "S", "sk", "S")}. */
    public static Map<String, String> attributes(String... nameTypePairs) {
        Map<String, String> out = new TreeMap<>();
        for (int i = 0; i + 1 < nameTypePairs.length; i += 2) {
            out.put(nameTypePairs[i], nameTypePairs[i + 1]);
        }
        return out;
    }
}
