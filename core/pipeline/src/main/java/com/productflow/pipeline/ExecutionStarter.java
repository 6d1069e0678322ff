package com.productflow.pipeline;

/**
 * Port for starting a workflow execution (Step Functions in AWS, the local executor on a laptop).
 * Names are the idempotency key: starting a name that already exists starts nothing.
 */
public interface ExecutionStarter {
    Started start(String name, String inputJson);

    /** {@code started} is false when an execution with this name already existed. */
    record Started(String executionArn, boolean started) {}
}
