package com.productflow.parquet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.productflow.common.BadInputException;
import com.productflow.parquet.ParquetProductSchema.Node;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.io.api.Binary;

/**
 * Reads one product object from the parser into a {@link Row}, typed by the schema. A key the schema
 * does not know, or a second occurrence of a key, goes to {@code extra} as its JSON text (numbers as
 * written); a value of the wrong type is rejected ({@link WrongTypeException}) or goes to {@code extra}
 * too, per {@link WrongType}. Known nesting is shallow (the schema's), so this recurses; unknown
 * values are copied iteratively.
 */
final class RowReader {
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /** A value of the wrong type with {@link WrongType#REJECT}: the caller adds where it was. */
    static final class WrongTypeException extends BadInputException {
        WrongTypeException(String message) {
            super(message);
        }
    }

    private final Node root;
    private final WrongType wrongType;
    private final JsonFactory jsonOut = new JsonFactory();
    private final ByteArrayOutputStream scratch = new ByteArrayOutputStream(256);
    /** Path of the value being read: field names (String) and list positions (Integer). */
    private final List<Object> path = new ArrayList<>();
    private JsonParser p;
    private Row row;

    RowReader(Node root, WrongType wrongType) {
        this.root = root;
        this.wrongType = wrongType;
    }

    /** The parser is on the record's START_OBJECT; returns with it on the matching END_OBJECT. */
    Row read(JsonParser parser) throws IOException {
        this.p = parser;
        this.row = new Row(root.fields.length);
        path.clear();
        struct(root, row.values);
        return row;
    }

    private void struct(Node node, Object[] values) throws IOException {
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            Node field = node.byName.get(name);
            path.add(name);
            if (field == null || values[field.index] != null) {
                row.extra(pathText(), json());
            } else {
                values[field.index] = value(field, t);
            }
            path.remove(path.size() - 1);
        }
    }

    private Object value(Node node, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (node.kind != null) {
            Object v = scalar(node, t);
            return v != null ? v : wrong(node, t);
        }
        if (node.isList()) {
            if (t != JsonToken.START_ARRAY) {
                return wrong(node, t);
            }
            List<Object> items = new ArrayList<>();
            JsonToken item;
            while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
                path.add(items.size());
                items.add(value(node.items, item));
                path.remove(path.size() - 1);
            }
            return items;
        }
        if (t != JsonToken.START_OBJECT) {
            return wrong(node, t);
        }
        Object[] values = new Object[node.fields.length];
        struct(node, values);
        return values;
    }

    /** The typed value, or null when the token does not fit (then the parser has not moved). */
    private Object scalar(Node node, JsonToken t) throws IOException {
        switch (node.kind) {
            case STRING:
                // byte-array backed: hashes and compares faster in the dictionary than Binary.fromString's ByteBuffer
                return t == JsonToken.VALUE_STRING
                        ? Binary.fromConstantByteArray(p.getText().getBytes(StandardCharsets.UTF_8)) : null;
            case INT:
                return t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
                        ? p.getIntValue() : null;
            case BOOLEAN:
                return t == JsonToken.VALUE_TRUE ? Boolean.TRUE : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
            case DECIMAL:
                return t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT ? decimal(node) : null;
            case DATE:
                return t == JsonToken.VALUE_STRING ? date(p.getText()) : null;
            case TIMESTAMP:
                return t == JsonToken.VALUE_STRING ? timestamp(p.getText()) : null;
            default:
                throw new IllegalStateException(node.kind.toString());
        }
    }

    /** The unscaled value at the node's scale, exactly, or null (more fraction digits, too many digits). */
    private Long decimal(Node node) throws IOException {
        char[] c = p.getTextCharacters();
        int off = p.getTextOffset();
        int len = p.getTextLength();
        int end = off + len;
        int i = off;
        boolean negative = c[i] == '-';
        if (negative) {
            i++;
        }
        long unscaled = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < end; i++) {
            char ch = c[i];
            if (ch >= '0' && ch <= '9') {
                if (fraction >= 0) {
                    fraction++;
                }
                if (unscaled != 0 || ch != '0') {
                    digits++;
                }
                if (digits > 18) {
                    return exactDecimal(node);
                }
                unscaled = unscaled * 10 + (ch - '0');
            } else if (ch == '.') {
                fraction = 0;
            } else {
                return exactDecimal(node); // exponent
            }
        }
        int f = Math.max(fraction, 0);
        if (f > node.scale) {
            return exactDecimal(node); // 39.9900000 is fine, 39.99001 is not
        }
        int up = node.scale - f;
        if (digits + up > node.precision) {
            return null;
        }
        unscaled *= POW10[up];
        return negative ? -unscaled : unscaled;
    }

    private Long exactDecimal(Node node) throws IOException {
        try {
            BigDecimal v = new BigDecimal(p.getText()).setScale(node.scale);
            return v.precision() <= node.precision ? v.unscaledValue().longValueExact() : null;
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    /** {@code yyyy-MM-dd}, a real calendar day. */
    private static Integer date(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        try {
            return (int) LocalDate.of(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2)).toEpochDay();
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /** An ISO-8601 date-time with offset ({@code Z} or {@code ±hh:mm}), to µs since the epoch in UTC, exactly. */
    private static Long timestamp(String s) {
        try {
            Instant instant = s.length() == 20 && s.charAt(19) == 'Z' && s.charAt(10) == 'T'
                    ? LocalDate.of(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2))
                            .atTime(digits(s, 11, 2), digits(s, 14, 2), digits(s, 17, 2))
                            .toInstant(java.time.ZoneOffset.UTC)
                    : OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            if (s.length() == 20 && (s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':' || s.charAt(16) != ':')) {
                return null;
            }
            if (instant.getNano() % 1000 != 0) {
                return null; // finer than microseconds would not be exact
            }
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
        } catch (DateTimeException | NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(s);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private Object wrong(Node node, JsonToken t) throws IOException {
        if (wrongType == WrongType.REJECT) {
            throw new WrongTypeException("field " + pathText() + " is " + describe(t) + ", expected " + node.expected
                    + " (setting " + ParquetOptions.WRONG_TYPE + "=text keeps it as text in '"
                    + ParquetProductSchema.EXTRA + "')");
        }
        row.extra(pathText(), json());
        return null;
    }

    private String describe(JsonToken t) throws IOException {
        return switch (t) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "the string " + quoted(p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + quoted(p.getText());
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> t.toString();
        };
    }

    private static String quoted(String s) {
        return "'" + (s.length() > 60 ? s.substring(0, 60) + "…" : s) + "'";
    }

    /** {@code key}, {@code itemSellingPrices[2].price}. */
    private String pathText() {
        StringBuilder b = new StringBuilder();
        for (Object part : path) {
            if (part instanceof Integer i) {
                b.append('[').append(i).append(']');
            } else {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append((String) part);
            }
        }
        return b.toString();
    }

    /** The current value (scalar or whole structure) as compact JSON; numbers keep their text. */
    private byte[] json() throws IOException {
        scratch.reset();
        try (JsonGenerator g = jsonOut.createGenerator(scratch)) {
            int depth = 0;
            do {
                JsonToken t = p.currentToken();
                switch (t) {
                    case START_OBJECT -> { g.writeStartObject(); depth++; }
                    case START_ARRAY -> { g.writeStartArray(); depth++; }
                    case END_OBJECT -> { g.writeEndObject(); depth--; }
                    case END_ARRAY -> { g.writeEndArray(); depth--; }
                    case FIELD_NAME -> g.writeFieldName(p.currentName());
                    case VALUE_STRING -> g.writeString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getText());
                    case VALUE_TRUE -> g.writeBoolean(true);
                    case VALUE_FALSE -> g.writeBoolean(false);
                    case VALUE_NULL -> g.writeNull();
                    default -> throw new IllegalStateException("unexpected token " + t);
                }
                if (depth == 0) {
                    break;
                }
                p.nextToken();
            } while (true);
        }
        return scratch.toByteArray();
    }
}
