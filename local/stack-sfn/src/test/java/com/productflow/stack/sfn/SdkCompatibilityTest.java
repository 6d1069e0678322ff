package com.productflow.stack.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;

/**
 * The AWS SDK's own SfnClient (as the ingest handler starts executions) against the local executor:
 * StartExecution, DescribeExecution, and ExecutionAlreadyExists mapped to the SDK's exception type.
 */
class SdkCompatibilityTest {

    @RegisterExtension
    static final LocalExecutor EXECUTOR = new LocalExecutor().function("Hello", payload -> "{\"hello\":\"world\"}".getBytes());
    static LocalStepFunctions sfn;
    static SfnClient client;
    static String machine;

    @BeforeAll
    static void deploy() {
        sfn = EXECUTOR.sfn();
        machine = sfn.createStateMachine("hello", "{\"StartAt\":\"Hi\",\"States\":{\"Hi\":{\"Type\":\"Task\","
                + "\"Resource\":\"arn:aws:states:::lambda:invoke\",\"Parameters\":{\"FunctionName\":\"Hello\",\"Payload.$\":\"$\"},"
                + "\"OutputPath\":\"$.Payload\",\"End\":true}}}");
        client = sfn.client();
    }

    @AfterAll
    static void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void startDescribeAndDuplicateNamesWorkThroughTheSdk() {
        StartExecutionResponse started = client.startExecution(b -> b.stateMachineArn(machine).name("sdk-1").input("{\"x\":1}"));
        assertThat(started.executionArn()).endsWith(":execution:hello:sdk-1");
        assertThat(started.startDate()).isNotNull();

        assertThat(sfn.await(started.executionArn(), Duration.ofSeconds(20)).status()).isEqualTo(com.productflow.stack.sfn.ExecutionStatus.SUCCEEDED);
        DescribeExecutionResponse described = client.describeExecution(b -> b.executionArn(started.executionArn()));
        assertThat(described.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(described.output()).isEqualTo("{\"hello\":\"world\"}");
        assertThat(described.stopDate()).isAfterOrEqualTo(described.startDate());

        assertThatThrownBy(() -> client.startExecution(b -> b.stateMachineArn(machine).name("sdk-1").input("{\"x\":1}")))
                .isInstanceOf(ExecutionAlreadyExistsException.class);

        assertThat(client.listExecutions(b -> b.stateMachineArn(machine)).executions())
                .anySatisfy(e -> {
                    assertThat(e.name()).isEqualTo("sdk-1");
                    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
                });
        assertThat(sfn.listExecutions(machine)).extracting(com.productflow.stack.sfn.Execution::name).contains("sdk-1");
    }
}
