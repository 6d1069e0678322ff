package com.productflow.stack.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor's journal: an execution a {@code kill -9} interrupted runs again after a restart on the same
 * journal, under its name and input; ended ones come back as they ended and keep their names taken.
 */
class ExecutionJournalTest {
    private static final String MACHINE = "{\"StartAt\":\"Work\",\"States\":{\"Work\":{\"Type\":\"Task\",\"Resource\":\""
            + LocalLambdaServer.functionArn("Work") + "\",\"Parameters\":{\"name.$\":\"$$.Execution.Name\",\"id.$\":\"$$.Execution.Id\","
            + "\"input.$\":\"$\"},\"End\":true}}}";

    @TempDir
    Path dir;

    @Test
    void anInterruptedExecutionResumesUnderItsNameAndInputAfterAKill() throws Exception {
        Path journal = dir.resolve("stepfunctions").resolve("journal.jsonl");
        List<JsonNode> calls = new CopyOnWriteArrayList<>();
        CountDownLatch firstCallOfBlocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (LocalLambdaServer lambda = LocalLambdaServer.start()) {
            lambda.register("Work", payload -> {
                JsonNode call = RecordingFunction.JSON.readTree(payload);
                calls.add(call);
                if (call.path("input").path("block").asBoolean() && calls.stream().filter(c -> c.path("name").asText().equals("file-1")).count() == 1) {
                    firstCallOfBlocked.countDown();
                    release.await(30, TimeUnit.SECONDS); // the executor is killed while this call is in flight
                }
                return RecordingFunction.JSON.writeValueAsBytes(call.path("input"));
            });
            LocalStepFunctions.Options options = LocalStepFunctions.Options.of(lambda.endpoint()).withJournal(journal);

            LocalStepFunctions first = LocalStepFunctions.start(options);
            String arn;
            try {
                arn = first.createStateMachine("work", MACHINE);
                assertThat(first.run(arn, "done-1", "{\"block\":false}", Duration.ofSeconds(20)).status())
                        .isEqualTo(ExecutionStatus.SUCCEEDED);
                first.startExecution(arn, "file-1", "{\"block\":true,\"n\":7}");
                assertThat(firstCallOfBlocked.await(20, TimeUnit.SECONDS)).isTrue();
                ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly();
                ProcessHandle.of(first.pid()).ifPresent(p -> p.onExit().join());
            } finally {
                release.countDown();
                first.close();
            }

            // A kill in the middle of an append leaves a torn last line: it is cut off, the rest is read.
            Files.writeString(journal, "{\"t\":\"start\",\"executionArn\":\"arn:aws:sta", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            try (LocalStepFunctions second = LocalStepFunctions.start(options)) {
                assertThat(second.createStateMachine("work", MACHINE)).isEqualTo(arn);
                String done = arn.replace(":stateMachine:", ":execution:") + ":done-1";
                String resumed = arn.replace(":stateMachine:", ":execution:") + ":file-1";
                Execution before = second.describe(done);
                assertThat(before.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(before.output()).isEqualTo("{\"block\":false}");
                assertThat(second.describe(resumed).status()).isEqualTo(ExecutionStatus.RUNNING);
                assertThatThrownBy(() -> second.startExecution(arn, "done-1", "{\"block\":false}"))
                        .isInstanceOf(ExecutionAlreadyExistsException.class);

                assertThat(second.resumeExecutions()).containsExactly(resumed);
                Execution after = second.await(resumed, Duration.ofSeconds(20));
                assertThat(after.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(after.input()).isEqualTo("{\"block\":true,\"n\":7}");
                List<JsonNode> ofFile = calls.stream().filter(c -> c.path("name").asText().equals("file-1")).toList();
                assertThat(ofFile).hasSize(2);
                assertThat(ofFile.get(1).path("id").asText()).isEqualTo(resumed).isEqualTo(ofFile.get(0).path("id").asText());
                assertThat(ofFile.get(1).path("input")).isEqualTo(ofFile.get(0).path("input"));
                assertThat(second.resumeExecutions()).isEmpty();
                assertThat(second.listExecutions(arn)).extracting(Execution::name).containsExactlyInAnyOrder("done-1", "file-1");
                assertThat(Files.readString(journal)).endsWith("\n").doesNotContain("arn:aws:sta\n");
            }
        }
    }

    /** As Step Functions forgets a closed standard execution after 90 days (and frees its name); the rest is kept. */
    @Test
    void executionsThatEndedMoreThan90DaysAgoAreDroppedFromTheJournalAtTheNextStart() throws Exception {
        Path journal = dir.resolve("stepfunctions").resolve("journal.jsonl");
        try (LocalLambdaServer lambda = LocalLambdaServer.start()) {
            lambda.register("Work", payload -> payload);
            LocalStepFunctions.Options options = LocalStepFunctions.Options.of(lambda.endpoint()).withJournal(journal);
            String arn;
            try (LocalStepFunctions first = LocalStepFunctions.start(options)) {
                arn = first.createStateMachine("work", MACHINE);
            }
            String executions = arn.replace(":stateMachine:", ":execution:");
            double now = System.currentTimeMillis() / 1000.0;
            double day = 24 * 3600;
            Files.writeString(journal, String.join("\n",
                    start(arn, "old-1", now - 100 * day), end(executions + ":old-1", now - 91 * day),
                    start(arn, "recent-1", now - 100 * day), end(executions + ":recent-1", now - 89 * day),
                    start(arn, "open-1", now - day)) + "\n", StandardCharsets.UTF_8);

            try (LocalStepFunctions second = LocalStepFunctions.start(options)) {
                assertThat(second.createStateMachine("work", MACHINE)).isEqualTo(arn);
                List<String> kept = Files.readAllLines(journal);
                assertThat(kept).hasSize(3).noneMatch(line -> line.contains(":old-1"));
                assertThat(second.listExecutions(arn)).extracting(Execution::name).containsExactlyInAnyOrder("recent-1", "open-1");
                assertThat(second.describe(executions + ":recent-1").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(second.run(arn, "old-1", "{}", Duration.ofSeconds(20)).status())
                        .as("the forgotten execution's name is free again").isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(second.resumeExecutions()).containsExactly(executions + ":open-1");
            }
        }
    }

    private static String start(String machineArn, String name, double startDate) throws Exception {
        return RecordingFunction.JSON.writeValueAsString(java.util.Map.of("t", "start",
                "executionArn", machineArn.replace(":stateMachine:", ":execution:") + ":" + name, "stateMachineArn", machineArn,
                "name", name, "input", "{}", "startDate", startDate));
    }

    private static String end(String executionArn, double stopDate) throws Exception {
        return RecordingFunction.JSON.writeValueAsString(java.util.Map.of("t", "end", "executionArn", executionArn,
                "status", "SUCCEEDED", "stopDate", stopDate, "output", "{}"));
    }
}
