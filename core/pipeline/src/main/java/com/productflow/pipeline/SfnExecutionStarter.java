package com.productflow.pipeline;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;

/** Starts process-file executions through the Step Functions API (AWS, or the local executor's endpoint). */
public final class SfnExecutionStarter implements ExecutionStarter {
    private final SfnClient sfn;
    private final String stateMachineArn;

    public SfnExecutionStarter(SfnClient sfn, String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public Started start(String name, String inputJson) {
        try {
            StartExecutionResponse response = sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).name(name).input(inputJson));
            return new Started(response.executionArn(), true);
        } catch (ExecutionAlreadyExistsException duplicate) {
            // Same name: a duplicate event or a second ingest of the same upload. Nothing new to run.
            return new Started(executionArn(name), false);
        }
    }

    /** Execution ARNs follow the state machine's: arn:...:stateMachine:NAME -> arn:...:execution:NAME:EXEC. */
    private String executionArn(String name) {
        return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
    }
}
