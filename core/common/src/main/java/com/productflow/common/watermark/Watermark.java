package com.productflow.common.watermark;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * How far an incremental extract has published: the last row acknowledged by the broker, ordered
 * by ({@code lastUpdated}, {@code ean}) so rows sharing a timestamp are neither skipped nor repeated.
 */
public record Watermark(Instant lastUpdated, String ean) implements Comparable<Watermark> {
    private static final Comparator<Watermark> ORDER =
            Comparator.comparing(Watermark::lastUpdated).thenComparing(Watermark::ean);

    public Watermark {
        Objects.requireNonNull(lastUpdated, "lastUpdated");
        Objects.requireNonNull(ean, "ean");
    }

    @Override
    public int compareTo(Watermark other) {
        return ORDER.compare(this, other);
    }
}
