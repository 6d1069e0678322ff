package com.productflow.stack.sfn;

import static com.productflow.stack.sfn.ProcessFileStateMachineTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real statemachine/backfill.asl.json: pages of a listing, a Map over each page handing every object
 * to the ingest function, which here (like the real one) starts a process-file execution under a
 * deterministic name, so the whole chain runs: backfill, then three per-file executions.
 */
class BackfillStateMachineTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> KEYS = List.of("drop/a.json", "drop/b.jsonl", "drop/c.json.gz");

    static final RecordingFunction listFiles = new RecordingFunction();
    static final RecordingFunction ingest = new RecordingFunction();
    static final RecordingFunction convert = new RecordingFunction();
    static final RecordingFunction extract = new RecordingFunction();
    static final RecordingFunction record = new RecordingFunction();
    @RegisterExtension
    static final LocalExecutor EXECUTOR = new LocalExecutor().function("ListFiles", listFiles).function("Ingest", ingest)
            .function("Convert", convert).function("Extract", extract).function("RecordOutcome", record);
    static LocalStepFunctions sfn;
    static String backfill;
    static String processFile;
    static final List<String> startedExecutions = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void deploy() throws Exception {
        sfn = EXECUTOR.sfn();
        processFile = EXECUTOR.deployProcessFile();
        backfill = sfn.createStateMachine("backfill", sfn.definitionTemplate("backfill"), Map.of(
                "ListFilesFunctionArn", LocalLambdaServer.functionArn("ListFiles"),
                "IngestFunctionArn", LocalLambdaServer.functionArn("Ingest")));
        convert.answer((p, n) -> json("{\"records\":1}"));
        extract.answer((p, n) -> json("{\"published\":0}"));
        record.answer((p, n) -> json("{}"));
    }

    /** Two objects per page, whatever maxKeys says, so three files take two pages. */
    private static void listInPagesOfTwo() {
        listFiles.answer((p, n) -> {
            int from = p.get("continuationToken").isNull() ? 0 : Integer.parseInt(p.get("continuationToken").asText());
            ObjectNode page = RecordingFunction.JSON.createObjectNode();
            ArrayNode files = page.putArray("files");
            for (int i = from; i < Math.min(from + 2, KEYS.size()); i++) {
                files.addObject().put("bucket", p.get("bucket").asText()).put("key", KEYS.get(i)).put("etag", "etag-" + i).put("size", 100 + i);
            }
            if (from + 2 < KEYS.size()) {
                page.put("nextContinuationToken", Integer.toString(from + 2));
            } else {
                page.putNull("nextContinuationToken");
            }
            return page;
        });
    }

    /** Like the real ingest: registers the object and starts process-file under a name derived from it. */
    private static RecordingFunction.Behaviour startProcessFile() {
        return (p, n) -> {
            JsonNode object = p.get("object");
            ObjectNode file = RecordingFunction.JSON.createObjectNode()
                    .put("bucket", object.get("bucket").asText()).put("key", object.get("key").asText())
                    .put("etag", object.get("etag").asText()).put("inputSha256", "0".repeat(64));
            String name = object.get("key").asText().replaceAll("[^A-Za-z0-9_-]", "-") + "-" + object.get("etag").asText();
            boolean started;
            String arn;
            try {
                arn = sfn.startExecution(processFile, name, file.toString());
                started = true;
                startedExecutions.add(arn);
            } catch (ExecutionAlreadyExistsException e) {
                arn = "arn:aws:states:us-east-1:000000000000:execution:process-file:" + name;
                started = false;
            }
            return RecordingFunction.JSON.createObjectNode().put("executionArn", arn).put("started", started);
        };
    }

    @Test
    void backfillListsEveryPageAndStartsOneProcessFileExecutionPerFile() throws Exception {
        listInPagesOfTwo();
        ingest.answer(startProcessFile());
        startedExecutions.clear();
        Execution done = sfn.run(backfill, null, "{\"bucket\":\"in\",\"prefix\":\"drop/\"}", WAIT);

        assertThat(done.status()).as("%s %s", done.error(), done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = json(done.output());
        assertThat(output.get("pages").asInt()).isEqualTo(2);
        assertThat(output.get("files").asInt()).isEqualTo(3);
        assertThat(output.get("prefix").asText()).isEqualTo("drop/");

        assertThat(listFiles.calls()).hasSize(2);
        assertThat(listFiles.calls().get(0).get("continuationToken").isNull()).isTrue();
        assertThat(listFiles.calls().get(1).get("continuationToken").asText()).isEqualTo("2");
        assertThat(ingest.calls()).hasSize(3);
        assertThat(ingest.calls()).allSatisfy(c -> {
            assertThat(c.get("source").asText()).isEqualTo("backfill");
            assertThat(c.get("backfillExecutionId").asText()).isEqualTo(done.executionArn());
        });
        assertThat(ingest.calls().stream().map(c -> c.at("/object/key").asText())).containsExactlyInAnyOrderElementsOf(KEYS);

        assertThat(startedExecutions).hasSize(3);
        for (String arn : startedExecutions) {
            assertThat(sfn.await(arn, WAIT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        }

        // A second backfill over the same prefix starts nothing new: the names already exist.
        startedExecutions.clear();
        Execution again = sfn.run(backfill, null, "{\"bucket\":\"in\",\"prefix\":\"drop/\"}", WAIT);
        assertThat(again.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(startedExecutions).isEmpty();
    }

    @Test
    void anErrorThatSurvivesTheRetriesFailsTheBackfillWithThatError() throws Exception {
        listInPagesOfTwo();
        ingest.answer((p, n) -> {
            if (p.at("/object/key").asText().equals("drop/b.jsonl")) {
                throw new IllegalStateException("cannot register drop/b.jsonl: table missing");
            }
            return RecordingFunction.JSON.createObjectNode().put("executionArn", "x").put("started", true);
        });
        Execution done = sfn.run(backfill, null, "{\"bucket\":\"in\",\"prefix\":\"drop/\"}", WAIT);

        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("java.lang.IllegalStateException");
        assertThat(json(done.cause()).get("errorMessage").asText()).contains("drop/b.jsonl");
        // Not retried (not transient); the next page was never listed.
        assertThat(ingest.calls().stream().filter(c -> c.at("/object/key").asText().equals("drop/b.jsonl"))).hasSize(1);
        assertThat(listFiles.calls()).hasSize(1);
    }
}
