package com.productflow.stack.sfn;

/** Step Functions execution statuses, as DescribeExecution reports them. */
public enum ExecutionStatus {
    RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED;

    public boolean closed() {
        return this != RUNNING;
    }
}
