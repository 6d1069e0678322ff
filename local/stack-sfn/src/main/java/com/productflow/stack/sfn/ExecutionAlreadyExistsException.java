package com.productflow.stack.sfn;

/**
 * StartExecution with a name already used: by a closed execution, or by a running one with a different
 * input (a running one with the same input is idempotent and answers with its ARN), as in AWS.
 */
public final class ExecutionAlreadyExistsException extends StepFunctionsException {

    private static final long serialVersionUID = 1L;

    public ExecutionAlreadyExistsException(String message) {
        super("ExecutionAlreadyExists", message);
    }
}
