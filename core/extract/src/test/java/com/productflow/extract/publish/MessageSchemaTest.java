package com.productflow.extract.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productflow.extract.ProductColumn;
import com.productflow.extract.TestProducts;
import com.productflow.schema.FieldType;
import com.productflow.schema.MessageJsonSchema;
import com.productflow.schema.ProductSchema;
import com.productflow.schema.SchemaField;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Kafka message value agrees with its published JSON Schema: the columns are the schema's message
 * fields (names, order, types, version), and real messages satisfy the schema's type, pattern, required
 * and additionalProperties rules (the subset MessageJsonSchema generates).
 */
class MessageSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void columnsAreTheSchemasMessageFields() {
        ProductSchema schema = ProductSchema.product();
        List<SchemaField> fields = schema.message().fields();
        assertThat(fields).hasSize(ProductColumn.ALL.size());
        Map<ProductColumn.Type, FieldType.Kind> kinds = Map.of(ProductColumn.Type.TEXT, FieldType.Kind.STRING,
                ProductColumn.Type.DECIMAL, FieldType.Kind.DECIMAL, ProductColumn.Type.DATE, FieldType.Kind.DATE,
                ProductColumn.Type.INSTANT, FieldType.Kind.TIMESTAMP);
        for (int i = 0; i < fields.size(); i++) {
            assertThat(fields.get(i).name()).isEqualTo(ProductColumn.ALL.get(i).name());
            assertThat(((FieldType.Scalar) fields.get(i).type()).kind()).isEqualTo(kinds.get(ProductColumn.ALL.get(i).type()));
        }
        assertThat(String.valueOf(schema.messageVersion())).isEqualTo(ProductJson.SCHEMA_VERSION);
    }

    @Test
    void realMessagesValidate() throws Exception {
        JsonNode schema = JSON.readTree(MessageJsonSchema.generate(ProductSchema.product()));
        ProductJson json = new ProductJson();
        for (String[] values : TestProducts.ready(50)) {
            validate(schema, JSON.readTree(json.toJson(values)));
        }
        String[] sparse = TestProducts.fields(7, "created", "2024-05-20", "2024-05-20T10:00:00.123456Z");
        sparse[7] = null;
        sparse[15] = null;
        validate(schema, JSON.readTree(json.toJson(sparse)));
    }

    private static void validate(JsonNode schema, JsonNode message) {
        JsonNode properties = schema.get("properties");
        for (JsonNode required : schema.get("required")) {
            assertThat(message.has(required.asText())).as(required.asText()).isTrue();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = message.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode rule = properties.get(e.getKey());
            assertThat(rule).as("additionalProperties: %s", e.getKey()).isNotNull();
            JsonNode v = e.getValue();
            String type = v.isNull() ? "null" : v.isTextual() ? "string" : v.isNumber() ? "number" : v.isBoolean() ? "boolean" : "other";
            assertThat(rule.get("type").toString()).as(e.getKey()).contains("\"" + type + "\"");
            if (v.isTextual() && rule.has("pattern")) {
                assertThat(v.asText()).as(e.getKey()).matches(rule.get("pattern").asText());
            }
        }
    }
}
