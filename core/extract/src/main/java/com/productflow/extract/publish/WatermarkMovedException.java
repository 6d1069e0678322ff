package com.productflow.extract.publish;

import com.productflow.common.ProductflowException;

/**
 * Another run advanced the watermark while this one published, or (exactly-once) fenced this run's producer by
 * initialising the same transactional id: this run stops (what it sent is keyed and idempotent, or aborted, so
 * nothing is lost) and a retry continues from the new watermark.
 */
public final class WatermarkMovedException extends ProductflowException {
    public WatermarkMovedException(String message) {
        super(message);
    }

    public WatermarkMovedException(String message, Throwable cause) {
        super(message, cause);
    }
}
