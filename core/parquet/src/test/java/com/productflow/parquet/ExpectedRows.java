package com.productflow.parquet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productflow.schema.FieldType;
import com.productflow.schema.ProductSchema;
import com.productflow.schema.SchemaField;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test oracle, written independently of the converter: what a JSON record must become in
 * Parquet (the {@link ParquetRows} form), with JDK parsers (BigDecimal, LocalDate, OffsetDateTime)
 * and Jackson's tree. Wrong-type values and unknown keys go to {@code extra} as compact JSON.
 */
final class ExpectedRows {
    /** Numbers as BigDecimal with their scale, so 2.50 and 1e21 compare as written. */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private ExpectedRows() {}

    static Map<String, Object> of(JsonNode record) {
        Map<String, Object> extra = new LinkedHashMap<>();
        Map<String, Object> row = struct(record, ProductSchema.product().record(), "", extra);
        if (!extra.isEmpty()) {
            row.put(ParquetProductSchema.EXTRA, extra);
        }
        return row;
    }

    private static Map<String, Object> struct(JsonNode node, FieldType.Struct type, String path, Map<String, Object> extra) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (SchemaField f : type.fields()) {
            JsonNode v = node.get(f.name());
            if (v != null && !v.isNull()) {
                Object value = value(v, f.type(), path + f.name(), extra);
                if (value != null) {
                    out.put(f.name(), value);
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (type.field(e.getKey()) == null) {
                extra.put(path + e.getKey(), e.getValue());
            }
        }
        // schema order in the Parquet row
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (SchemaField f : type.fields()) {
            if (out.containsKey(f.name())) {
                ordered.put(f.name(), out.get(f.name()));
            }
        }
        return ordered;
    }

    private static Object value(JsonNode v, FieldType type, String path, Map<String, Object> extra) {
        Object typed = typed(v, type, path, extra);
        if (typed == null) {
            extra.put(path, v);
        }
        return typed;
    }

    private static Object typed(JsonNode v, FieldType type, String path, Map<String, Object> extra) {
        if (type instanceof FieldType.ListOf l) {
            if (!v.isArray()) {
                return null;
            }
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode item = v.get(i);
                items.add(item.isNull() ? null : value(item, l.items(), path + "[" + i + "]", extra));
            }
            return items;
        }
        if (type instanceof FieldType.Struct s) {
            return v.isObject() ? struct(v, s, path + ".", extra) : null;
        }
        FieldType.Scalar s = (FieldType.Scalar) type;
        try {
            return switch (s.kind()) {
                case STRING -> v.isTextual() ? v.textValue() : null;
                case INT -> v.isInt() ? v.intValue() : null;
                case BOOLEAN -> v.isBoolean() ? v.booleanValue() : null;
                case DECIMAL -> {
                    if (!v.isNumber()) {
                        yield null;
                    }
                    BigDecimal d = new BigDecimal(v.asText()).setScale(s.scale());
                    yield d.precision() <= s.precision() ? d : null;
                }
                case DATE -> v.isTextual() && v.textValue().matches("\\d{4}-\\d{2}-\\d{2}")
                        ? LocalDate.parse(v.textValue()) : null;
                case TIMESTAMP -> {
                    if (!v.isTextual()) {
                        yield null;
                    }
                    Instant i = OffsetDateTime.parse(v.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
                    yield i.getNano() % 1000 == 0 ? i : null;
                }
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The {@code extra} map of a row read back, its JSON texts parsed like the oracle's values. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withParsedExtra(Map<String, Object> row) throws java.io.IOException {
        Object extra = row.get(ParquetProductSchema.EXTRA);
        if (extra == null) {
            return row;
        }
        Map<String, Object> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) extra).entrySet()) {
            parsed.put(e.getKey(), JSON.readTree((String) e.getValue()));
        }
        Map<String, Object> copy = new LinkedHashMap<>(row);
        copy.put(ParquetProductSchema.EXTRA, parsed);
        return copy;
    }

    static JsonNode parse(byte[] json) throws java.io.IOException {
        return JSON.readTree(json);
    }
}
