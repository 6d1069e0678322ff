package com.productflow.pipeline;

import com.productflow.common.ProductflowException;

/**
 * The registered input can no longer be read: the bucket keeps no versions and the key now holds
 * another object, or the registered version was deleted. A newer upload took its place, so the file is
 * SUPERSEDED, not failed.
 */
public final class InputOverwrittenException extends ProductflowException {
    private final String current;

    public InputOverwrittenException(String message, Throwable cause) {
        this(message, cause, null);
    }

    /** @param current the ETag (without quotes) of the object the key holds now, when known: the newer upload */
    public InputOverwrittenException(String message, Throwable cause, String current) {
        super(message, cause);
        this.current = current;
    }

    /** The ETag of the newer upload now at the key, or null when unknown. */
    public String current() {
        return current;
    }
}
