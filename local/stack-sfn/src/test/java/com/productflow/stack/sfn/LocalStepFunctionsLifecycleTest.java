package com.productflow.stack.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The executor process is ours to stop: by PID on close, leaving nothing listening. */
class LocalStepFunctionsLifecycleTest {

    @Test
    void closeStopsTheProcessAndItsPort() throws Exception {
        LocalStepFunctions sfn = LocalStepFunctions.start(LocalStepFunctions.Options.of(URI.create("http://127.0.0.1:9")));
        long pid = sfn.pid();
        URI endpoint = sfn.endpoint();
        assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        assertThat(handle).isPresent();
        assertThat(handle.get().isAlive()).isTrue();

        sfn.close();

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThatThrownBy(() -> sfn.describe("arn:aws:states:us-east-1:000000000000:execution:x:y"))
                .hasMessageContaining("did not answer");
    }

    @Test
    void aPassOnlyMachineRunsWithoutAnyLambda() throws Exception {
        try (LocalStepFunctions sfn = LocalStepFunctions.start(LocalStepFunctions.Options.of(URI.create("http://127.0.0.1:9")))) {
            String arn = sfn.createStateMachine("pass", "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\","
                    + "\"Parameters\":{\"n.$\":\"States.MathAdd($.n, 1)\",\"name.$\":\"$$.Execution.Name\"},\"End\":true}}}");
            Execution done = sfn.run(arn, "run-1", "{\"n\":41}", Duration.ofSeconds(10));
            assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(done.output()).isEqualTo("{\"n\":42,\"name\":\"run-1\"}");
            // A Task whose Lambda endpoint is down is a Lambda client error, not a hang.
            String task = sfn.createStateMachine("task", "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\","
                    + "\"Resource\":\"arn:aws:lambda:us-east-1:000000000000:function:Gone\",\"End\":true}}}");
            Execution failed = sfn.run(task, null, "{}", Duration.ofSeconds(10));
            assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(failed.error()).isEqualTo("Lambda.SdkClientException");
        }
    }
}
