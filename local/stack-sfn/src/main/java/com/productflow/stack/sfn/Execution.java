package com.productflow.stack.sfn;

/**
 * One execution as DescribeExecution reports it. {@code output} is set when SUCCEEDED; {@code error} and
 * {@code cause} when FAILED (for a Lambda function error: the errorType, and the error document as JSON).
 * Input and output are JSON text.
 */
public record Execution(String executionArn, String name, ExecutionStatus status, String input, String output,
                        String error, String cause) {
}
