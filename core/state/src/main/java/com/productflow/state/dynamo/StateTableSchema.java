package com.productflow.state.dynamo;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The state table's definition, in one place: terraform declares the same table (a test compares the
 * two), and {@link StateTables#createIfMissing} builds it for tests and local runs.
 *
 * <ul>
 *   <li>{@code pk} (S, partition) = {@code <bucket>/<key>}; {@code sk} (S, sort) = {@code v#<versionId>}
 *       or {@code e#<etag>}. Other items share the table (e.g. {@code watermark#<stream>} / {@code watermark}).
 *   <li>GSI {@code status-updatedAt}: {@code status} (S) / {@code updatedAt} (S, fixed-width ISO-8601),
 *       projection ALL. Sparse: items without {@code status} (watermarks) are not in it.
 *   <li>TTL on {@code ttl} (N, epoch seconds), set on COMPLETED records only. dynalite has no TTL, so
 *       local tables simply keep their records; terraform enables it in AWS.
 *   <li>Billing PAY_PER_REQUEST.
 * </ul>
 */
public final class StateTableSchema {
    public static final String PARTITION_KEY = "pk";
    public static final String SORT_KEY = "sk";
    public static final String STATUS_INDEX = "status-updatedAt";
    public static final String STATUS = "status";
    public static final String UPDATED_AT = "updatedAt";
    public static final String TTL_ATTRIBUTE = "ttl";
    public static final BillingMode BILLING_MODE = BillingMode.PAY_PER_REQUEST;

    private StateTableSchema() {}

    public static List<KeySchemaElement> keySchema() {
        return List.of(key(PARTITION_KEY, KeyType.HASH), key(SORT_KEY, KeyType.RANGE));
    }

    /** Every attribute used in a key of the table or an index, with its type. */
    public static List<AttributeDefinition> attributeDefinitions() {
        return List.of(
                string(PARTITION_KEY), string(SORT_KEY), string(STATUS), string(UPDATED_AT));
    }

    public static List<GlobalSecondaryIndex> globalSecondaryIndexes() {
        return List.of(GlobalSecondaryIndex.builder()
                .indexName(STATUS_INDEX)
                .keySchema(key(STATUS, KeyType.HASH), key(UPDATED_AT, KeyType.RANGE))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build());
    }

    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .keySchema(keySchema())
                .attributeDefinitions(attributeDefinitions())
                .globalSecondaryIndexes(globalSecondaryIndexes())
                .billingMode(BILLING_MODE)
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
