package com.productflow.common.watermark;

import java.util.Optional;

/**
 * Port for the incremental-extract watermark, one per stream (a topic plus a selection, e.g.
 * {@code product-updates|articleStatus=created|days=30}). Adapters: a table in the source database,
 * or an item in the DynamoDB state table when one is configured.
 */
public interface WatermarkStore {
    Optional<Watermark> load(String stream);

    /**
     * Moves the watermark forward to {@code next} only if it is still {@code expected} (empty: none
     * stored yet). Returns false, changing nothing, when another run moved it meanwhile.
     */
    boolean advance(String stream, Optional<Watermark> expected, Watermark next);
}
