package com.productflow.extract.publish;

import com.productflow.common.watermark.Watermark;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exactly-once: per stream, the latest watermark this process knows to be committed in the watermark topic (read
 * {@code read_committed} or committed by one of its runs). A committed watermark only moves forward, so the topic
 * holds at least this one. Kept for the life of a function instance, it lets a run that finds nothing after the
 * store's copy skip the broker, without losing the adoption of a later store copy (see
 * {@link ProductExtractor}), which only the topic can rule out.
 */
public final class CommittedWatermarks {
    private final Map<String, Watermark> known = new ConcurrentHashMap<>();

    void remember(String stream, Watermark committed) {
        known.merge(stream, committed, (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }

    /** Whether the topic is known to hold {@code stored} or a later watermark for {@code stream}. */
    boolean cover(String stream, Optional<Watermark> stored) {
        Watermark committed = known.get(stream);
        return committed != null && stored.isPresent() && committed.compareTo(stored.get()) >= 0;
    }
}
