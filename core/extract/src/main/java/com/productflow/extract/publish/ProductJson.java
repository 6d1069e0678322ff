package com.productflow.extract.publish;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.productflow.extract.ProductColumn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A product as the message value: one JSON object, fields in the column order of MISSION.md, decimals
 * as JSON numbers, dates and instants as ISO-8601 strings, missing values as null.
 * Not thread-safe: one per publishing thread (it reuses its buffer).
 */
public final class ProductJson {
    /** Bumped whenever the shape of the value changes; sent in the {@code productflow-schema-version} header. */
    public static final String SCHEMA_VERSION = "1";

    private static final JsonFactory JSON = new JsonFactory();
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(2048);

    /** @param values stored form, one per {@link ProductColumn#ALL} */
    public byte[] toJson(String[] values) {
        buffer.reset();
        List<ProductColumn> columns = ProductColumn.ALL;
        try (JsonGenerator json = JSON.createGenerator(buffer, JsonEncoding.UTF8)) {
            json.writeStartObject();
            for (int i = 0; i < values.length; i++) {
                ProductColumn column = columns.get(i);
                json.writeFieldName(column.name());
                String value = values[i];
                if (value == null) {
                    json.writeNull();
                } else if (column.type() == ProductColumn.Type.DECIMAL) {
                    // Stored decimals are validated plain numbers: write them as they are, no rounding.
                    json.writeNumber(value);
                } else {
                    json.writeString(value);
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }
}
