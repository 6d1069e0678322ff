package com.productflow.state;

import java.time.Instant;
import java.util.Objects;

/** Why the last attempt failed: an error type (e.g. an exception's simple name), a message, when. */
public record FileError(String type, String message, Instant at) {
    /** DynamoDB items hold at most 400 KB; a stack-trace-sized message must not break the write. */
    public static final int MAX_MESSAGE_CHARS = 4000;

    public FileError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        message = message == null ? "" : message;
        if (message.length() > MAX_MESSAGE_CHARS) {
            message = message.substring(0, MAX_MESSAGE_CHARS) + "... (truncated)";
        }
    }

    /** The error from an exception, timestamped by the store when written. */
    public static FileError of(Throwable failure, Instant at) {
        return new FileError(failure.getClass().getSimpleName(), String.valueOf(failure.getMessage()), at);
    }
}
