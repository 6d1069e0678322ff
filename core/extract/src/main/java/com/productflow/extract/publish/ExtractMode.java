package com.productflow.extract.publish;

/** Full: publish the whole selection (keys make a compacted topic converge). Incremental: only rows past the watermark. */
public enum ExtractMode {
    FULL,
    INCREMENTAL
}
