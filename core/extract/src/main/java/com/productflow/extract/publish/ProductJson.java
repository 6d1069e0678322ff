package com.productflow.extract.publish;

import com.productflow.extract.ProductColumn;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A product as the message value: one JSON object, fields in the column order of docs/data.md, decimals
 * as JSON numbers, dates and instants as ISO-8601 strings, missing values as null.
 *
 * <p>Written straight from the UTF-8 bytes the database returns (SQLite hands them out without a
 * String in between), escaping only what JSON requires: {@code "}, {@code \} and control characters.
 * Non-ASCII text passes through as UTF-8. This is the extract's hot loop: a JsonGenerator fed with
 * Strings spent most of its time re-encoding characters. Not thread-safe (it reuses its buffer).
 */
public final class ProductJson {
    /** Bumped whenever the shape of the value changes; sent in the {@code productflow-schema-version} header. */
    public static final String SCHEMA_VERSION = "1";

    private static final List<ProductColumn> COLUMNS = ProductColumn.ALL;
    private static final byte[][] NAMES = new byte[COLUMNS.size()][];
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    static {
        for (int i = 0; i < NAMES.length; i++) {
            // {"ean": for the first, ,"name": for the others.
            NAMES[i] = ((i == 0 ? "{\"" : ",\"") + COLUMNS.get(i).name() + "\":").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private byte[] out = new byte[4096];
    private int length;

    /** @param values stored form as Strings, one per {@link ProductColumn#ALL} */
    public byte[] toJson(String[] values) {
        byte[][] utf8 = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            utf8[i] = values[i] == null ? null : values[i].getBytes(StandardCharsets.UTF_8);
        }
        return toJson(utf8);
    }

    /** @param values stored form as UTF-8 bytes, one per {@link ProductColumn#ALL} */
    public byte[] toJson(byte[][] values) {
        length = 0;
        for (int i = 0; i < values.length; i++) {
            put(NAMES[i]);
            byte[] value = values[i];
            if (value == null) {
                put(NULL);
            } else if (COLUMNS.get(i).type() == ProductColumn.Type.DECIMAL) {
                if (!isPlainNumber(value)) {
                    throw new IllegalArgumentException(COLUMNS.get(i).name() + " is not a decimal: '"
                            + new String(value, StandardCharsets.UTF_8) + "'");
                }
                put(value);
            } else {
                string(value);
            }
        }
        ensure(1);
        out[length++] = '}';
        return Arrays.copyOf(out, length);
    }

    private void string(byte[] value) {
        ensure(value.length * 6 + 2);
        byte[] o = out;
        int n = length;
        o[n++] = '"';
        for (byte b : value) {
            if (b == '"' || b == '\\') {
                o[n++] = '\\';
                o[n++] = b;
            } else if (b >= 0 && b < 0x20) {
                switch (b) {
                    case '\n' -> { o[n++] = '\\'; o[n++] = 'n'; }
                    case '\r' -> { o[n++] = '\\'; o[n++] = 'r'; }
                    case '\t' -> { o[n++] = '\\'; o[n++] = 't'; }
                    default -> {
                        o[n++] = '\\';
                        o[n++] = 'u';
                        o[n++] = '0';
                        o[n++] = '0';
                        o[n++] = HEX[b >> 4];
                        o[n++] = HEX[b & 0xF];
                    }
                }
            } else {
                // ASCII or a byte of a multi-byte UTF-8 sequence (negative as a Java byte): as is.
                o[n++] = b;
            }
        }
        o[n++] = '"';
        length = n;
    }

    /** -?digits[.digits]: what a JSON number without exponent looks like (leading zeros aside). */
    private static boolean isPlainNumber(byte[] v) {
        int i = v.length > 0 && v[0] == '-' ? 1 : 0;
        int start = i;
        boolean point = false;
        for (; i < v.length; i++) {
            byte b = v[i];
            if (b == '.' && !point && i > start && i < v.length - 1) {
                point = true;
            } else if (b < '0' || b > '9') {
                return false;
            }
        }
        if (i == start) {
            return false;
        }
        // JSON forbids leading zeros such as 007 (0.5 is fine).
        return !(v[start] == '0' && v.length > start + 1 && v[start + 1] != '.');
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, out, length, bytes.length);
        length += bytes.length;
    }

    private void ensure(int more) {
        if (length + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, length + more));
        }
    }
}
