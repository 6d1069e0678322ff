package com.productflow.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The typed product schema, read from the committed {@code product-schema.json} (this package's
 * resource): the product record of the JSON input (and so of the XML feed and the Parquet file) and
 * the flat Kafka message value. It is the one source of the Parquet schema, the XSD and the JSON
 * Schema; a change of any type or name bumps {@code version}.
 */
public record ProductSchema(String name, int version, FieldType.Struct record, String messageName, int messageVersion,
        FieldType.Struct message) {

    public static final String RESOURCE = "product-schema.json";

    private static final Map<String, FieldType.Kind> KINDS = Map.of(
            "string", FieldType.Kind.STRING, "int", FieldType.Kind.INT, "boolean", FieldType.Kind.BOOLEAN,
            "decimal", FieldType.Kind.DECIMAL, "date", FieldType.Kind.DATE, "timestamp", FieldType.Kind.TIMESTAMP);

    private static final ProductSchema PRODUCT = load();

    /** The committed product schema. */
    public static ProductSchema product() {
        return PRODUCT;
    }

    /** The committed file as it is (for publishing). */
    public static String sourceText() {
        try (InputStream in = resource()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource() {
        InputStream in = ProductSchema.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
        }
        return in;
    }

    private static ProductSchema load() {
        try (InputStream in = resource()) {
            JsonNode root = new ObjectMapper().readTree(in);
            JsonNode message = root.required("message");
            return new ProductSchema(root.required("name").asText(), root.required("version").asInt(),
                    struct(root.required("fields"), "fields"),
                    message.required("name").asText(), message.required("version").asInt(),
                    struct(message.required("fields"), "message.fields"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static FieldType.Struct struct(JsonNode fields, String path) {
        List<SchemaField> list = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode f : fields) {
            String name = f.required("name").asText();
            if (!names.add(name)) {
                throw new IllegalStateException(RESOURCE + ": duplicate field " + path + "." + name);
            }
            list.add(new SchemaField(name, type(f, path + "." + name), f.path("doc").asText("")));
        }
        return new FieldType.Struct(list);
    }

    private static FieldType type(JsonNode f, String path) {
        String type = f.required("type").asText();
        for (Iterator<String> it = f.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!Set.of("name", "type", "doc", "items", "fields", "precision", "scale").contains(key)) {
                throw new IllegalStateException(RESOURCE + ": unknown key '" + key + "' at " + path);
            }
        }
        return switch (type) {
            case "list" -> new FieldType.ListOf(type(f.required("items"), path + "[]"));
            case "struct" -> struct(f.required("fields"), path);
            case "decimal" -> new FieldType.Scalar(FieldType.Kind.DECIMAL, f.required("precision").asInt(),
                    f.required("scale").asInt());
            default -> {
                FieldType.Kind kind = KINDS.get(type);
                if (kind == null) {
                    throw new IllegalStateException(RESOURCE + ": unknown type '" + type + "' at " + path);
                }
                yield FieldType.Scalar.of(kind);
            }
        };
    }
}
