package com.productflow.extract.publish;

import com.productflow.common.ProductflowException;

/**
 * Another run advanced the watermark while this one published: this run stops (what it sent is keyed
 * and idempotent, so nothing is lost) and a retry continues from the new watermark.
 */
public final class WatermarkMovedException extends ProductflowException {
    public WatermarkMovedException(String message) {
        super(message);
    }
}
