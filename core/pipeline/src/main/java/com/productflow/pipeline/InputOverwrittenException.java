package com.productflow.pipeline;

import com.productflow.common.ProductflowException;

/**
 * The registered input can no longer be read: the bucket keeps no versions and the key now holds
 * another object, or the registered version was deleted. A newer upload took its place, so the file is
 * SUPERSEDED, not failed.
 */
public final class InputOverwrittenException extends ProductflowException {
    public InputOverwrittenException(String message, Throwable cause) {
        super(message, cause);
    }
}
