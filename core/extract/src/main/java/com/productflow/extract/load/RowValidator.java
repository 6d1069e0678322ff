package com.productflow.extract.load;

import com.productflow.common.Ean13;
import com.productflow.extract.IsoTime;
import com.productflow.extract.ProductColumn;
import com.productflow.extract.csv.CsvRecord;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.util.List;

/**
 * Turns one CSV record into the stored form of a product row, or says why it cannot be loaded.
 * Stored form: one string per {@link ProductColumn} in table order, null for an empty value;
 * decimals in plain notation, dates as {@code yyyy-MM-dd}, instants in {@link IsoTime#canonical}.
 */
final class RowValidator {
    private static final int MAX_DECIMAL_CHARS = 40;

    private final int[] csvIndex;
    private final int csvWidth;

    /** @param csvIndex for each product column, its position in the CSV header */
    RowValidator(int[] csvIndex, int csvWidth) {
        this.csvIndex = csvIndex.clone();
        this.csvWidth = csvWidth;
    }

    /** The outcome for one record: exactly one of {@code values} and {@code reason} is non-null. */
    record Outcome(String[] values, String column, String reason) {
        static Outcome reject(String column, String reason) {
            return new Outcome(null, column, reason);
        }
    }

    Outcome validate(CsvRecord record) {
        if (record.problem() != null) {
            return Outcome.reject("", record.problem());
        }
        List<String> fields = record.fields();
        if (fields.size() != csvWidth) {
            return Outcome.reject("", "expected " + csvWidth + " fields as in the header, got " + fields.size());
        }
        List<ProductColumn> columns = ProductColumn.ALL;
        String[] values = new String[columns.size()];
        for (int i = 0; i < values.length; i++) {
            ProductColumn column = columns.get(i);
            String text = fields.get(csvIndex[i]);
            if (text.isEmpty()) {
                if (i == ProductColumn.EAN) {
                    return Outcome.reject(column.name(), "EAN is empty");
                }
                continue;
            }
            try {
                values[i] = switch (column.type()) {
                    case TEXT -> i == ProductColumn.EAN ? ean(text) : text;
                    case DECIMAL -> decimal(text);
                    // parseDate accepts only yyyy-MM-dd, which is already the stored form.
                    case DATE -> date(text);
                    case INSTANT -> IsoTime.canonicalInstant(text);
                };
            } catch (IllegalArgumentException | DateTimeException e) {
                return Outcome.reject(column.name(), e.getMessage());
            }
        }
        return new Outcome(values, null, null);
    }

    private static String ean(String text) {
        String problem = Ean13.problem(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem + ": '" + text + "'");
        }
        return text;
    }

    /** Digits with an optional fraction and no sign, exponent or spaces: prices. */
    private static String decimal(String text) {
        int n = text.length();
        boolean digits = false;
        boolean point = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
            } else if (c == '.' && !point && i > 0 && i < n - 1) {
                point = true;
            } else {
                digits = false;
                break;
            }
        }
        if (!digits || n > MAX_DECIMAL_CHARS) {
            throw new IllegalArgumentException("'" + shorten(text) + "' is not a decimal such as 39.99");
        }
        // Digits and one inner point are already plain notation unless they start with a redundant zero ("007", "00.5").
        boolean canonical = n == 1 || text.charAt(0) != '0' || text.charAt(1) == '.';
        return canonical ? text : new BigDecimal(text).toPlainString();
    }

    private static String date(String text) {
        IsoTime.parseDate(text);
        return text;
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
