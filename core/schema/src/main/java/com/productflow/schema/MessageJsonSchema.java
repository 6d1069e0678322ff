package com.productflow.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema (draft 2020-12) of the Kafka message value: one flat object, every field of the
 * schema's {@code message} present (null when the product has no value), nothing else. Decimals are
 * JSON numbers written exactly as stored (no exponent), dates {@code format: date}, instants
 * {@code format: date-time} in UTC.
 */
public final class MessageJsonSchema {
    private MessageJsonSchema() {}

    public static String generate(ProductSchema schema) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "urn:productflow:schema:" + schema.messageName() + ":" + schema.messageVersion());
        root.put("title", schema.messageName());
        root.put("description", "Value of a product message on Kafka (header productflow-schema-version: "
                + schema.messageVersion() + "), keyed by EAN. Generated from product-schema.json; do not edit.");
        root.put("type", "object");
        ObjectNode properties = root.putObject("properties");
        ArrayNode required = root.putArray("required");
        for (SchemaField f : schema.message().fields()) {
            ObjectNode p = properties.putObject(f.name());
            if (!(f.type() instanceof FieldType.Scalar s)) {
                throw new IllegalStateException("message field " + f.name() + " must be a scalar");
            }
            ArrayNode types = p.putArray("type");
            switch (s.kind()) {
                case STRING -> types.add("string");
                case INT -> types.add("integer");
                case BOOLEAN -> types.add("boolean");
                case DECIMAL -> {
                    types.add("number");
                    p.put("description", "exact decimal, at most " + s.scale() + " fraction digits, no exponent");
                }
                case DATE -> {
                    types.add("string");
                    p.put("format", "date");
                    p.put("pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
                }
                case TIMESTAMP -> {
                    types.add("string");
                    p.put("format", "date-time");
                    p.put("pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z$");
                }
            }
            types.add("null");
            if (!f.doc().isEmpty() && !p.has("description")) {
                p.put("description", f.doc());
            }
            required.add(f.name());
        }
        root.put("additionalProperties", false);
        try {
            return json.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
