package com.productflow.functions;

/**
 * Test stand-in for the handlers' transient error type. The state machine retries on the class name
 * ({@code errorType} in the Lambda error document), so the fixture must carry the exact name the real
 * functions will throw (statemachine/README.md lists them).
 */
public class TransientFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TransientFailure(String message) {
        super(message);
    }
}
