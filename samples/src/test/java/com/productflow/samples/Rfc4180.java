package com.productflow.samples;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for tests: CRLF records, quoted fields, doubled quotes; throws on anything else. */
final class Rfc4180 {
    private Rfc4180() {}

    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = text.length();
        if (n == 0) {
            return records;
        }
        while (true) {
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("unterminated quoted field at offset " + i);
                    }
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
            } else {
                int start = i;
                while (i < n && text.charAt(i) != ',' && text.charAt(i) != '\r') {
                    char c = text.charAt(i);
                    if (c == '"' || c == '\n') {
                        throw new IllegalArgumentException("bare " + (c == '"' ? "quote" : "LF") + " at offset " + i);
                    }
                    i++;
                }
                field.append(text, start, i);
            }
            record.add(field.toString());
            field.setLength(0);
            if (i < n && text.charAt(i) == ',') {
                i++;
                continue;
            }
            if (text.startsWith("\r\n", i)) {
                records.add(record);
                record = new ArrayList<>();
                i += 2;
                if (i == n) {
                    return records;
                }
                continue;
            }
            throw new IllegalArgumentException("expected , or CRLF at offset " + i + (i == n ? " (missing final CRLF)" : ""));
        }
    }
}
