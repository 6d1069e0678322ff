package com.productflow.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productflow.stack.sfn.Execution;
import com.productflow.stack.sfn.ExecutionStatus;
import com.productflow.state.FileId;
import com.productflow.state.FileRecord;
import com.productflow.state.FileStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local system end to end, files dropped into the input bucket as a user would (the watcher fires
 * IngestFunction as the S3 notification would): success, a duplicate notification, a malformed file then
 * its fix. One system for the class; each test uses its own keys.
 */
class EndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rows of samples/products.csv with articleStatus created and readiness within 30 days of 2026-11-25. */
    static final long READY_PRODUCTS = 20;
    private static LocalSystem system;
    private static String in;
    private static String out;

    @BeforeAll
    static void start() throws Exception {
        system = LocalSystem.start(LocalOptions.defaults().withRetryInterval(Duration.ofMillis(20))
                .withExtractToday(Demo.SAMPLE_TODAY).withLog(LocalLog.silent()));
        in = system.inputBucket();
        out = system.outputBucket();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void droppedJsonFileIsConvertedRecordedAndCompleted() throws Exception {
        byte[] body = E2e.sampleArray();
        FileId file = E2e.put(system.s3(), in, "drop/one.json", body);

        Execution execution = system.awaitExecution(file, 1, WAIT);

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        FileRecord record = system.state().get(file).orElseThrow();
        assertThat(record.status()).isEqualTo(FileStatus.COMPLETED);
        assertThat(record.inputSha256()).isEqualTo(E2e.sha256(body));
        assertThat(record.outputKey()).isEqualTo("xml/drop/one.json.xml");
        assertThat(record.records()).isEqualTo(20);
        byte[] xml = E2e.get(system.s3(), out, "xml/drop/one.json.xml");
        assertThat(E2e.sha256(xml)).isEqualTo(record.outputSha256());
        assertThat(E2e.productCount(xml)).isEqualTo(20);
        // The ready products of the SQL source are on the topic, each once (incremental: whichever file's
        // extract ran first published them, the others found nothing new).
        KafkaTopics.Count topic = KafkaTopics.count(system.kafka().bootstrapServers(), system.topic());
        assertThat(topic.messages()).isEqualTo(READY_PRODUCTS).isEqualTo(topic.distinctKeys());
    }

    @Test
    void aKeyWithSpacesAndSymbolsReachesIngestIntact() throws Exception {
        String key = "drop/a b&c+ü (1).json.gz";
        FileId file = E2e.put(system.s3(), in, key, SampleFiles.gzip(E2e.sampleArray()));

        Execution execution = system.awaitExecution(file, 1, WAIT);

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(system.state().get(file).orElseThrow().outputKey()).isEqualTo("xml/drop/a b&c+ü (1).json.gz.xml");
        assertThat(E2e.productCount(E2e.get(system.s3(), out, "xml/drop/a b&c+ü (1).json.gz.xml"))).isEqualTo(20);
    }

    @Test
    void aKeyTheNotificationFilterDropsIsIgnored() throws Exception {
        FileId file = E2e.put(system.s3(), in, "drop/notes.txt", "not a feed".getBytes(StandardCharsets.UTF_8));
        FileId feed = E2e.put(system.s3(), in, "drop/after-notes.json", E2e.sampleArray());

        // The later feed is processed; the .txt put before it was never ingested.
        assertThat(system.awaitExecution(feed, 1, WAIT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(system.state().get(file)).isEmpty();
    }

    @Test
    void aBackfillProcessesEveryFileUnderAPrefixOnceAndARerunStartsNothing() throws Exception {
        String archive = "archive-bucket";
        system.s3().createBucket(b -> b.bucket(archive));
        FileId a = E2e.put(system.s3(), archive, "2026/a.json", E2e.sampleArray());
        FileId b = E2e.put(system.s3(), archive, "2026/b.json.gz", SampleFiles.gzip(E2e.sampleArray()));
        E2e.put(system.s3(), archive, "2026/readme.txt", "skipped".getBytes(StandardCharsets.UTF_8));
        String input = "{\"bucket\":\"" + archive + "\",\"prefix\":\"2026/\"}";

        Execution backfill = system.stepFunctions().run(system.backfillArn(), null, input, WAIT);

        assertThat(backfill.status()).as(backfill.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(system.awaitExecution(a, 1, WAIT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(system.awaitExecution(b, 1, WAIT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(system.state().get(a).orElseThrow().status()).isEqualTo(FileStatus.COMPLETED);
        assertThat(system.state().get(b).orElseThrow().status()).isEqualTo(FileStatus.COMPLETED);
        int executions = system.stepFunctions().listExecutions(system.processFileArn()).size();

        Execution rerun = system.stepFunctions().run(system.backfillArn(), null, input, WAIT);

        assertThat(rerun.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(system.stepFunctions().listExecutions(system.processFileArn())).hasSize(executions);
        assertThat(system.state().findObject(archive, "2026/readme.txt")).isEmpty();
    }

    @Test
    void theSameNotificationDeliveredTwiceStartsOneExecution() throws Exception {
        FileId file = E2e.put(system.s3(), in, "dup/twice.jsonl",
                java.nio.file.Files.readAllBytes(SampleFiles.samplesFolder().resolve("sample_products.jsonl")));
        String event = S3Notifications.objectCreated(LocalSystem.REGION, in, file.key(), file.etag(), 1, Instant.now(),
                new LocalSequencer().next());

        LambdaInvoker.Result first = system.lambda().invoke(LocalSystem.INGEST, event, WAIT);
        LambdaInvoker.Result second = system.lambda().invoke(LocalSystem.INGEST, event, WAIT);
        Execution execution = system.awaitExecution(file, 1, WAIT);

        assertThat(first.ok()).as(first.body()).isTrue();
        assertThat(second.ok()).as(second.body()).isTrue();
        // Each delivery names the one execution, or (the watcher's delivery was first and its execution has already
        // finished: the sample is small) finds the file COMPLETED. (started may read true for two of them: like AWS,
        // StartExecution with the same name and input while the first still runs returns that execution.)
        for (LambdaInvoker.Result delivery : List.of(first, second)) {
            JsonNode described = JSON.readTree(delivery.body()).path("files").get(0);
            if (described.has("executionArn")) {
                assertThat(described.path("executionArn").asText()).endsWith(":" + execution.name());
            } else {
                assertThat(described.path("status").asText()).as(delivery.body()).isEqualTo("COMPLETED");
            }
        }
        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        // The watcher delivered the notification too: still one execution for this upload.
        assertThat(system.stepFunctions().listExecutions(system.processFileArn()))
                .filteredOn(e -> e.name().startsWith(execution.name())).hasSize(1);
        assertThat(system.state().findObject(in, file.key())).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(FileStatus.COMPLETED));
    }

    @Test
    void malformedJsonIsQuarantinedAtOnceWithTheParseErrorThenTheFixedFileSupersedesItAndCompletes() throws Exception {
        String key = "broken/feed.json";
        FileId broken = E2e.put(system.s3(), in, key,
                "[{\"ean\":\"5713447649590\",\"color\":\"Black\"},\n {\"ean\": }]".getBytes(StandardCharsets.UTF_8));

        Execution failed = system.awaitExecution(broken, 1, WAIT);

        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        FileRecord record = system.state().get(broken).orElseThrow();
        // Bad input: no retry can fix it, so no "attempt 1 of 3" and no redrive.
        assertThat(record.status()).isEqualTo(FileStatus.QUARANTINED);
        assertThat(record.lastError().message()).containsIgnoringCase("line 2");
        assertThat(record.attempts()).isEqualTo(1);
        // Nothing half-written is left where the XML would go.
        assertThat(system.s3().listObjectsV2(b -> b.bucket(out).prefix("xml/broken/")).contents()).isEmpty();

        FileId fixed = E2e.put(system.s3(), in, key, E2e.sampleArray());
        Execution completed = system.awaitExecution(fixed, 1, WAIT);

        assertThat(completed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(system.state().get(fixed).orElseThrow().status()).isEqualTo(FileStatus.COMPLETED);
        assertThat(E2e.productCount(E2e.get(system.s3(), out, "xml/broken/feed.json.xml"))).isEqualTo(20);
        // The broken upload keeps its own record and reason, now SUPERSEDED by the fix (no longer alarmed).
        FileRecord superseded = system.state().get(broken).orElseThrow();
        assertThat(superseded.status()).isEqualTo(FileStatus.SUPERSEDED);
        assertThat(superseded.supersededBy()).isEqualTo(fixed.versionLabel());
        assertThat(superseded.lastError().message()).containsIgnoringCase("line 2");
    }

    /**
     * Issue 18 as a user met it: a large feed, then a corrected 5-product feed under the same key while the
     * first is still being processed. The output is the small feed's; the large one is SUPERSEDED (or had
     * finished before the second upload), never FAILED or QUARANTINED, and its execution does not fail.
     */
    @Test
    void aCorrectedReuploadOfTheSameKeyWinsAndTheFirstIsSupersededNotFailed() throws Exception {
        String key = "drop/feed.jsonl";
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            big.append("{\"ean\":\"5713447649590\",\"name\":\"Product ").append(i).append("\",\"price\":39.99}\n");
        }
        FileId first = E2e.put(system.s3(), in, key, big.toString().getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (system.state().get(first).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20); // the watcher has seen it and ingest registered it
        }
        StringBuilder small = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            small.append("{\"ean\":\"5713447649590\",\"name\":\"Fixed ").append(i).append("\"}\n");
        }
        FileId second = E2e.put(system.s3(), in, key, small.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(system.awaitExecution(second, 1, WAIT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(system.awaitExecution(first, 1, WAIT).status()).as("the first upload's execution").isEqualTo(ExecutionStatus.SUCCEEDED);

        FileRecord winner = system.state().get(second).orElseThrow();
        assertThat(winner.status()).isEqualTo(FileStatus.COMPLETED);
        byte[] xml = E2e.get(system.s3(), out, "xml/" + key + ".xml");
        assertThat(E2e.productCount(xml)).isEqualTo(5);
        assertThat(E2e.sha256(xml)).isEqualTo(winner.outputSha256());
        FileRecord loser = system.state().get(first).orElseThrow();
        assertThat(loser.status()).isIn(FileStatus.SUPERSEDED, FileStatus.COMPLETED);
        if (loser.status() == FileStatus.SUPERSEDED) {
            assertThat(loser.supersededBy()).isEqualTo(second.versionLabel());
        }
        assertThat(system.state().findObject(in, key)).extracting(FileRecord::status)
                .doesNotContain(FileStatus.FAILED, FileStatus.QUARANTINED);
    }
}
