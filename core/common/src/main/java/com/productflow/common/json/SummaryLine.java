package com.productflow.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one-line JSON summary every command prints on success, fields in insertion order, e.g.
 * {@code {"records":3,"bytesIn":1024,...,"seconds":0.012}}. Values: strings, numbers, booleans,
 * null, or nested {@link SummaryLine}s.
 */
public final class SummaryLine {
    private static final JsonFactory JSON = new JsonFactory();
    private final Map<String, Object> fields = new LinkedHashMap<>();

    public SummaryLine put(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    /** Elapsed seconds rounded to milliseconds. */
    public SummaryLine seconds(long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return put("seconds", BigDecimal.valueOf(seconds).setScale(3, RoundingMode.HALF_UP));
    }

    @Override
    public String toString() {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            write(json, this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator json, SummaryLine line) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, Object> field : line.fields.entrySet()) {
            json.writeFieldName(field.getKey());
            writeValue(json, field.getValue());
        }
        json.writeEndObject();
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof SummaryLine nested) {
            write(json, nested);
        } else if (value instanceof Iterable<?> items) {
            json.writeStartArray();
            for (Object item : items) {
                writeValue(json, item);
            }
            json.writeEndArray();
        } else if (value instanceof Integer || value instanceof Long) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigDecimal decimal) {
            json.writeNumber(decimal);
        } else if (value instanceof Number number) {
            json.writeNumber(number.doubleValue());
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else {
            json.writeString(value.toString());
        }
    }
}
