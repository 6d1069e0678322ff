package com.productflow.extract.csv;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One CSV record: the physical line it starts on (1-based), its fields, its bytes exactly as in the
 * file (without the line break that ends it), and what is wrong with its syntax, or null.
 */
public record CsvRecord(long line, List<String> fields, byte[] rawUtf8, String problem) {
    /** The record's text as in the file (decoded only when asked: rejects need it, good rows do not). */
    public String raw() {
        return new String(rawUtf8, StandardCharsets.UTF_8);
    }
}
