package com.productflow.extract;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * ISO-8601 dates and instants as the CSV carries them and as the database stores them.
 *
 * <p>Instants are stored in one fixed-width UTC form, {@code 2024-05-01T10:00:00.000000Z}
 * (microseconds, PostgreSQL's precision), so that text comparison in SQLite orders them correctly;
 * {@link Instant#toString()} drops zero fractions and would sort {@code ...:00Z} after {@code ...:00.5Z}.
 * Years are limited to 0001-9999 for the same reason. The common shapes are parsed by hand because
 * {@link DateTimeFormatter} costs microseconds per value and a load parses three per row.
 */
public final class IsoTime {
    private IsoTime() {}

    /** {@code yyyy-MM-dd}, or throws {@link DateTimeException} with a readable message. */
    public static LocalDate parseDate(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int y = digits(text, 0, 4);
            int m = digits(text, 5, 7);
            int d = digits(text, 8, 10);
            if (y > 0 && m >= 0 && d >= 0) {
                try {
                    return LocalDate.of(y, m, d);
                } catch (DateTimeException e) {
                    throw new DateTimeException("'" + text + "' is not a valid date: " + e.getMessage());
                }
            }
        }
        throw new DateTimeException("'" + text + "' is not an ISO date (yyyy-MM-dd)");
    }

    /** An ISO-8601 date-time with an offset ({@code Z}, {@code +02:00}), truncated to microseconds. */
    public static Instant parseInstant(String text) {
        Instant fast = fastInstant(text);
        if (fast == null) {
            try {
                fast = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw new DateTimeException("'" + text + "' is not an ISO instant with an offset (e.g. 2024-05-01T10:00:00Z)");
            }
        }
        Instant truncated = fast.truncatedTo(ChronoUnit.MICROS);
        int year = truncated.atOffset(ZoneOffset.UTC).getYear();
        if (year < 1 || year > 9999) {
            throw new DateTimeException("'" + text + "' is outside the years 0001-9999");
        }
        return truncated;
    }

    /**
     * {@code canonical(parseInstant(text))}, without building an Instant for the common UTC shape
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}: its fields are checked by hand and the stored form is
     * the same digits with the fraction padded or cut to six. A load does this for two columns of
     * every row; any other shape, or an invalid field (for the error message), takes the full path.
     */
    public static String canonicalInstant(String text) {
        String fast = fastCanonicalUtc(text);
        return fast != null ? fast : canonical(parseInstant(text));
    }

    /** The stored form of a valid {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, or null for anything else. */
    private static String fastCanonicalUtc(String s) {
        int n = s.length();
        long fields = n < 20 || n > 30 || s.charAt(n - 1) != 'Z' ? -1 : dateTimeFields(s);
        if (fields < 0) {
            return null;
        }
        int y = field(fields, YEAR);
        int mo = field(fields, MONTH);
        int d = field(fields, DAY);
        if (mo < 1 || mo > 12 || d < 1 || d > Month.of(mo).length(Year.isLeap(y)) || field(fields, HOUR) > 23
                || field(fields, MINUTE) > 59 || field(fields, SECOND) > 59) {
            return null;
        }
        int fraction = n - 1 - 20; // digits after the point, when there is one
        if (n == 20) {
            fraction = 0;
        } else if (s.charAt(19) != '.' || fraction < 1 || fraction > 9 || digits(s, 20, n - 1) < 0) {
            return null;
        }
        char[] out = new char[27];
        s.getChars(0, 19, out, 0);
        out[19] = '.';
        for (int i = 0; i < 6; i++) {
            out[20 + i] = i < fraction ? s.charAt(20 + i) : '0';
        }
        out[26] = 'Z';
        return new String(out);
    }

    /** The fixed-width stored form, e.g. {@code 2024-05-01T10:00:00.000000Z}. */
    public static String canonical(Instant instant) {
        OffsetDateTime t = instant.atOffset(ZoneOffset.UTC);
        char[] out = new char[27];
        put(out, 0, t.getYear(), 4);
        out[4] = '-';
        put(out, 5, t.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, t.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, t.getHour(), 2);
        out[13] = ':';
        put(out, 14, t.getMinute(), 2);
        out[16] = ':';
        put(out, 17, t.getSecond(), 2);
        out[19] = '.';
        put(out, 20, t.getNano() / 1000, 6);
        out[26] = 'Z';
        return new String(out);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM)}, or null for any other shape. */
    private static Instant fastInstant(String s) {
        int n = s.length();
        long fields = dateTimeFields(s);
        if (fields < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            int len = i - start;
            if (len < 1 || len > 9) {
                return null;
            }
            nanos = digits(s, start, i);
            for (int k = len; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, i + 3);
            int om = digits(s, i + 4, i + 6);
            if (oh < 0 || om < 0 || oh > 18 || om > 59) {
                return null;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (s.charAt(i) == '-' ? -1 : 1);
        } else {
            return null;
        }
        try {
            return OffsetDateTime.of(field(fields, YEAR), field(fields, MONTH), field(fields, DAY), field(fields, HOUR),
                    field(fields, MINUTE), field(fields, SECOND), nanos, ZoneOffset.ofTotalSeconds(offsetSeconds)).toInstant();
        } catch (DateTimeException e) {
            throw new DateTimeException("'" + s + "' is not a valid date-time: " + e.getMessage());
        }
    }

    // Where dateTimeFields packs each field: 7 bits each (two digits), the year above them.
    private static final int SECOND = 0;
    private static final int MINUTE = 7;
    private static final int HOUR = 14;
    private static final int DAY = 21;
    private static final int MONTH = 28;
    private static final int YEAR = 35;

    /**
     * The six fields of a leading {@code yyyy-MM-ddTHH:mm:ss} (at least 20 characters), packed into
     * one long (no allocation: a load reads two per row), or -1 for another shape, a non-digit or
     * year 0. Ranges are the caller's to check.
     */
    private static long dateTimeFields(String s) {
        if (s.length() < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return -1;
        }
        int y = digits(s, 0, 4);
        int mo = digits(s, 5, 7);
        int d = digits(s, 8, 10);
        int h = digits(s, 11, 13);
        int mi = digits(s, 14, 16);
        int se = digits(s, 17, 19);
        if (y <= 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || se < 0) {
            return -1;
        }
        return (long) y << YEAR | (long) mo << MONTH | (long) d << DAY | h << HOUR | mi << MINUTE | se;
    }

    private static int field(long fields, int shift) {
        return (int) (fields >>> shift) & (shift == YEAR ? 0x3FFF : 0x7F);
    }

    /** The decimal value of s[from, to) if all digits, else -1. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
