package com.productflow.stack.sfn;

/** An error answer of the Step Functions API, with its AWS error type (e.g. {@code InvalidDefinition}). */
public class StepFunctionsException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String errorType;

    public StepFunctionsException(String errorType, String message) {
        super(errorType + ": " + message);
        this.errorType = errorType;
    }

    public String errorType() {
        return errorType;
    }
}
