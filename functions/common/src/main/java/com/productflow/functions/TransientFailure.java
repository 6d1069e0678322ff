package com.productflow.functions;

/**
 * A failure worth another try: throttling, a 5xx, a refused connection, a lease still held by a live
 * execution. The state machine retries it by this class's name ({@code errorType} in the Lambda error
 * document is the fully-qualified class name), so it must be thrown as is, never wrapped.
 */
public final class TransientFailure extends RuntimeException {
    public TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public TransientFailure(String message) {
        super(message);
    }
}
