package com.productflow.checks;

import com.productflow.state.dynamo.StateTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

import java.util.List;
import java.util.TreeMap;

/**
 * The state table as the state code defines it ({@link StateTableSchema}, the definition its tests
 * create), as the spec terraform and the template are compared with: one definition, so neither can
 * drift from the code. Point-in-time recovery and server-side encryption are infrastructure-only
 * settings (DynamoDB's CreateTable used by the code has no such fields); issue 7 requires both on.
 */
final class CodeStateTable {
    private CodeStateTable() {
    }

    static final StateTableSpec SPEC = fromSchema();

    private static StateTableSpec fromSchema() {
        TreeMap<String, String> attributes = new TreeMap<>();
        for (AttributeDefinition a : StateTableSchema.attributeDefinitions()) {
            attributes.put(a.attributeName(), a.attributeTypeAsString());
        }
        StateTableSpec.Index[] indexes = StateTableSchema.globalSecondaryIndexes().stream()
                .map(CodeStateTable::index).toArray(StateTableSpec.Index[]::new);
        return new StateTableSpec(
                StateTableSchema.BILLING_MODE.toString(),
                key(StateTableSchema.keySchema(), KeyType.HASH),
                key(StateTableSchema.keySchema(), KeyType.RANGE),
                attributes,
                StateTableSpec.indexes(indexes),
                StateTableSchema.TTL_ATTRIBUTE,
                true,
                true);
    }

    private static StateTableSpec.Index index(GlobalSecondaryIndex g) {
        return new StateTableSpec.Index(g.indexName(), key(g.keySchema(), KeyType.HASH), key(g.keySchema(), KeyType.RANGE),
                g.projection().projectionTypeAsString());
    }

    private static String key(List<KeySchemaElement> schema, KeyType type) {
        return schema.stream().filter(k -> k.keyType() == type).map(KeySchemaElement::attributeName).findFirst().orElse("");
    }
}
