package com.productflow.functions;

/**
 * The file or event itself is wrong (malformed JSON, checksum mismatch, unknown event shape): retrying
 * cannot help, so the state machine does not retry it and records the file FAILED with this message.
 */
public final class InvalidInput extends RuntimeException {
    public InvalidInput(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidInput(String message) {
        super(message);
    }
}
