package com.productflow.state;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Instants as stored: ISO-8601 UTC with exactly three fraction digits ({@code 2026-11-25T08:09:20.123Z}),
 * so text order is time order — the GSI sorts {@code updatedAt} and conditions compare
 * {@code leaseExpiresAt} as strings.
 */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    public static Instant parse(String text) {
        return Instant.parse(text);
    }

    /** The instant as it will read back after a round trip through {@link #format}. */
    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
