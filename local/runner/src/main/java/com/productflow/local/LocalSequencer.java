package com.productflow.local;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The {@code sequencer} of the local stack's S3 events, as S3 makes them: an upper-case hex string,
 * greater for a later write of the same key once padded with leading zeros (how AWS says to compare
 * them). Here it grows for every write the watcher sees, whatever the key: microseconds since the
 * epoch, or the previous value + 1 when the clock has not moved on (or went back), so two overwrites
 * within one tick, or across a clock step, stay ordered. Values of different keys mean nothing to each
 * other, as in S3.
 */
public final class LocalSequencer {
    private final AtomicLong last = new AtomicLong();
    private final LongSupplier micros;

    public LocalSequencer() {
        this(() -> {
            java.time.Instant now = java.time.Instant.now();
            return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        });
    }

    LocalSequencer(LongSupplier micros) {
        this.micros = micros;
    }

    public String next() {
        long now = micros.getAsLong();
        long value = last.updateAndGet(previous -> Math.max(previous + 1, now));
        return String.format(Locale.ROOT, "%016X", value);
    }
}
