package com.productflow.stack.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.productflow.functions.KafkaUnavailable;
import com.productflow.functions.TransientFailure;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of the real statemachine/process-file.asl.json, run by the local executor against Java test
 * functions behind the local Lambda API: success, retry then success, catch to FAILED, retries
 * exhausted, a Lambda service error, and execution-name idempotency.
 */
class ProcessFileStateMachineTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String FILE = ProcessFileTasks.FILE;

    static final ProcessFileTasks TASKS = new ProcessFileTasks();
    @RegisterExtension
    static final LocalExecutor EXECUTOR = TASKS.executor();
    static LocalStepFunctions sfn;
    static String processFile;

    @BeforeAll
    static void deploy() throws Exception {
        sfn = EXECUTOR.sfn();
        processFile = EXECUTOR.deployProcessFile();
    }

    private static void allSucceed() {
        TASKS.convert.answer((p, n) -> json("{\"outputKey\":\"xml/products.xml\",\"outputSha256\":\"abc\",\"records\":3}"));
        TASKS.extract.answer((p, n) -> json("{\"published\":2,\"topic\":\"products\"}"));
        TASKS.record.answer((p, n) -> json("{\"status\":\"recorded\"}"));
    }

    @Test
    void successRunsBothBranchesAndRecordsCompletedWithOutputs() throws Exception {
        allSucceed();
        java.time.Instant before = java.time.Instant.now();
        Execution done = sfn.run(processFile, null, FILE, WAIT);
        java.time.Instant after = java.time.Instant.now();

        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = json(done.output());
        assertThat(output.get("file")).isEqualTo(json(FILE));
        assertThat(output.at("/outputs/convert/records").asInt()).isEqualTo(3);
        assertThat(output.at("/outputs/extract/published").asInt()).isEqualTo(2);

        assertThat(TASKS.convert.calls()).hasSize(1);
        assertThat(TASKS.convert.calls().get(0).get("file")).isEqualTo(json(FILE));
        assertThat(TASKS.convert.calls().get(0).get("executionId").asText()).isEqualTo(done.executionArn());
        assertThat(TASKS.extract.calls()).hasSize(1);
        // The extract is told when its execution started: a later complete run covers it (ExtractJob.run(Instant)).
        assertThat(java.time.Instant.parse(TASKS.extract.calls().get(0).get("executionStartTime").asText()))
                .isBetween(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), after);
        assertThat(TASKS.record.calls()).hasSize(1);
        JsonNode recorded = TASKS.record.calls().get(0);
        assertThat(recorded.get("outcome").asText()).isEqualTo("COMPLETED");
        assertThat(recorded.get("file")).isEqualTo(json(FILE));
        assertThat(recorded.at("/outputs/convert/outputKey").asText()).isEqualTo("xml/products.xml");
        assertThat(recorded.get("executionId").asText()).isEqualTo(done.executionArn());
    }

    @Test
    void transientFailureIsRetriedThenSucceeds() throws Exception {
        allSucceed();
        TASKS.convert.answer((p, n) -> {
            if (n <= 2) {
                throw new TransientFailure("S3 throttled, attempt " + n);
            }
            return json("{\"outputKey\":\"xml/products.xml\",\"records\":3}");
        });
        Execution done = sfn.run(processFile, null, FILE, WAIT);

        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(TASKS.convert.calls()).hasSize(3);
        assertThat(TASKS.extract.calls()).hasSize(1); // the other branch is not rerun
        assertThat(TASKS.record.calls()).singleElement().satisfies(r -> assertThat(r.get("outcome").asText()).isEqualTo("COMPLETED"));
    }

    @Test
    void nonTransientErrorIsCaughtRecordedAsFailedAndFailsTheExecution() throws Exception {
        allSucceed();
        TASKS.convert.answer((p, n) -> {
            throw new IllegalArgumentException("drop/products.json: unexpected character '}' at line 3, column 7");
        });
        Execution done = sfn.run(processFile, null, FILE, WAIT);

        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(TASKS.convert.calls()).hasSize(1); // not retried
        // The cause is the Lambda error document as a JSON string, as in AWS.
        JsonNode cause = json(done.cause());
        assertThat(cause.get("errorType").asText()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(cause.get("errorMessage").asText()).contains("line 3, column 7");

        assertThat(TASKS.record.calls()).singleElement().satisfies(r -> {
            assertThat(r.get("outcome").asText()).isEqualTo("FAILED");
            assertThat(r.get("file")).isEqualTo(json(FILE));
            assertThat(r.get("error").asText()).isEqualTo("java.lang.IllegalArgumentException");
            assertThat(r.get("cause").asText()).isEqualTo(done.cause());
            assertThat(r.get("executionId").asText()).isEqualTo(done.executionArn());
        });
    }

    @Test
    void kafkaStayingDownExhaustsItsRetriesThenRecordsFailed() throws Exception {
        allSucceed();
        TASKS.extract.answer((p, n) -> {
            throw new KafkaUnavailable("no broker reachable at 127.0.0.1:9092");
        });
        Execution done = sfn.run(processFile, null, FILE, WAIT);

        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("com.productflow.functions.KafkaUnavailable");
        assertThat(TASKS.extract.calls()).hasSize(1 + 5); // first try + MaxAttempts of its retrier
        assertThat(TASKS.record.calls()).singleElement().satisfies(r -> assertThat(r.get("outcome").asText()).isEqualTo("FAILED"));
    }

    @Test
    void aMissingFunctionIsALambdaServiceErrorThatIsCaught() throws Exception {
        allSucceed();
        String broken = sfn.createStateMachine("process-file-missing-extract", sfn.definitionTemplate("process-file"), Map.of(
                "ConvertFunctionArn", LocalLambdaServer.functionArn("Convert"),
                "ExtractFunctionArn", LocalLambdaServer.functionArn("NoSuchFunction"),
                "RecordOutcomeFunctionArn", LocalLambdaServer.functionArn("RecordOutcome")));
        Execution done = sfn.run(broken, null, FILE, WAIT);

        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("Lambda.ResourceNotFoundException");
        assertThat(TASKS.record.calls()).singleElement().satisfies(r -> assertThat(r.get("error").asText()).isEqualTo("Lambda.ResourceNotFoundException"));
    }

    @Test
    void executionNamesAreUniqueLikeInAws() throws Exception {
        allSucceed();
        CountDownLatch release = new CountDownLatch(1);
        TASKS.convert.answer((p, n) -> {
            release.await(20, TimeUnit.SECONDS);
            return json("{\"records\":1}");
        });
        String name = "in-drop-products-json-v1";
        String arn = sfn.startExecution(processFile, name, FILE);
        try {
            // Running, same input: idempotent, same execution.
            assertThat(sfn.startExecution(processFile, name, FILE)).isEqualTo(arn);
            // Running, different input: conflict.
            assertThatThrownBy(() -> sfn.startExecution(processFile, name, "{\"bucket\":\"other\"}"))
                    .isInstanceOf(ExecutionAlreadyExistsException.class);
            assertThat(sfn.describe(arn).status()).isEqualTo(ExecutionStatus.RUNNING);
        } finally {
            release.countDown();
        }
        assertThat(sfn.await(arn, WAIT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        // Closed: the name cannot be reused, whatever the input.
        assertThatThrownBy(() -> sfn.startExecution(processFile, name, FILE))
                .isInstanceOf(ExecutionAlreadyExistsException.class)
                .hasMessageContaining(name);
        assertThat(TASKS.convert.calls()).hasSize(1);
        assertThat(TASKS.record.calls()).hasSize(1);
    }

    @Test
    void invalidExecutionNamesAndInputsAreRejected() {
        assertThatThrownBy(() -> sfn.startExecution(processFile, "has space", FILE))
                .isInstanceOf(StepFunctionsException.class)
                .satisfies(e -> assertThat(((StepFunctionsException) e).errorType()).isEqualTo("InvalidName"));
        assertThatThrownBy(() -> sfn.startExecution(processFile, "x".repeat(81), FILE))
                .satisfies(e -> assertThat(((StepFunctionsException) e).errorType()).isEqualTo("InvalidName"));
        assertThatThrownBy(() -> sfn.startExecution(processFile, null, "{not json"))
                .satisfies(e -> assertThat(((StepFunctionsException) e).errorType()).isEqualTo("InvalidExecutionInput"));
        assertThatThrownBy(() -> sfn.startExecution(processFile + "-nope", null, FILE))
                .satisfies(e -> assertThat(((StepFunctionsException) e).errorType()).isEqualTo("StateMachineDoesNotExist"));
    }

    static JsonNode json(String text) {
        try {
            return RecordingFunction.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
    }

    static ObjectNode object() {
        return RecordingFunction.JSON.createObjectNode();
    }
}
