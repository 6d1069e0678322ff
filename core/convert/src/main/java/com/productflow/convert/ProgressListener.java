package com.productflow.convert;

/** Told now and then (not per record) how far a conversion has come; for progress displays. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (bytesIn, records) -> {};

    void progress(long bytesIn, long records);
}
