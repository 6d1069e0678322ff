package com.productflow.extract.csv;

import java.util.List;

/**
 * One CSV record: the physical line it starts on (1-based), its fields, its text exactly as in the
 * file (without the line break that ends it), and what is wrong with its syntax, or null.
 */
public record CsvRecord(long line, List<String> fields, String raw, String problem) {}
