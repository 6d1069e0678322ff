package com.productflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.productflow.stack.dynamo.Dynalite;
import com.productflow.testsupport.LocalServer;
import com.productflow.state.FileError;
import com.productflow.state.FileId;
import com.productflow.state.FileRecord;
import com.productflow.state.FileOutputs;
import com.productflow.state.ClaimResult;
import com.productflow.state.dynamo.DynamoClients;
import com.productflow.state.dynamo.DynamoFileStateStore;
import com.productflow.state.dynamo.StateTables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code productflow files ...} against a real dynalite: output, exit codes, messages. */
class FilesCommandTest {
    private static final String SHA = "a".repeat(64);
    private static final AtomicInteger TABLES = new AtomicInteger();
    @RegisterExtension
    static final LocalServer<Dynalite> DYNAMO = LocalServer.dynamo();
    private static DynamoDbClient client;
    private String table;
    private DynamoFileStateStore store;

    @BeforeAll
    static void connect() {
        client = DynamoClients.local(DYNAMO.get().endpoint());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void createTable() {
        table = "cli-files-" + ProcessHandle.current().pid() + "-" + TABLES.incrementAndGet();
        StateTables.createIfMissing(client, table);
        store = new DynamoFileStateStore(client, table, Clock.systemUTC(), Duration.ofDays(30));
    }

    record Run(int exit, String out, String err) {}

    private Run files(String... args) {
        List<String> all = new ArrayList<>(List.of("files"));
        all.addAll(List.of(args));
        all.addAll(List.of("--endpoint", Dynalite.shared().endpoint().toString(), "--table", table));
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Main.run(all.toArray(String[]::new));
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Registers a file and fails it {@code failures} times (quarantined once attempts run out). */
    private FileId fileFailed(String key, int maxAttempts, int failures) {
        FileId id = FileId.ofEtag("input-bucket", key, "\"etag-" + key.hashCode() + "\"");
        store.register(id, SHA, 100, maxAttempts);
        for (int i = 0; i < failures; i++) {
            FileRecord held = ((ClaimResult.Claimed) store.claim(id, "worker", Duration.ofMinutes(1))).record();
            store.fail(id, "worker", held.version(), new FileError("ParseError", "line 7: bad <value> & \"quote\"", Instant.now()));
        }
        return id;
    }

    private static void assertOneJsonLine(String out) throws IOException {
        assertThat(out).endsWith("\n");
        assertThat(out.strip()).doesNotContain("\n");
        try (JsonParser parser = new JsonFactory().createParser(out)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            parser.skipChildren();
            assertThat(parser.nextToken()).isNull();
        }
    }

    @Test
    void listsFilesOfOneStatusWithPaging() throws IOException {
        fileFailed("a.json", 3, 1);
        fileFailed("b.json", 3, 1);
        fileFailed("c.json", 3, 1);
        store.register(FileId.ofEtag("input-bucket", "pending.json", "e"), SHA, 1, 3);

        Run first = files("list", "--status", "failed", "--limit", "2");

        assertThat(first.exit()).isZero();
        assertOneJsonLine(first.out());
        assertThat(first.out()).contains("\"status\":\"FAILED\"", "\"count\":2", "\"lastError\":{\"type\":\"ParseError\"")
                .doesNotContain("pending.json");
        String cursor = first.out().replaceAll(".*\"next\":\"([^\"]+)\".*\\s*", "$1");
        Run second = files("list", "--status", "FAILED", "--limit", "2", "--cursor", cursor);
        assertThat(second.exit()).isZero();
        assertThat(second.out()).contains("\"count\":1", "\"next\":null");

        Run all = files("list");
        assertThat(all.exit()).isZero();
        assertThat(all.out()).contains("\"status\":\"all\"", "\"count\":4", "\"truncated\":false", "pending.json");
        Run truncated = files("list", "--limit", "3");
        assertThat(truncated.out()).contains("\"count\":3", "\"truncated\":true");
    }

    @Test
    void showPrintsEveryRecordOfTheObject() throws IOException {
        FileId id = fileFailed("drops/hostile \"name\" <&>.json", 3, 1);

        Run run = files("show", "s3://input-bucket/" + id.key());

        assertThat(run.exit()).isZero();
        assertOneJsonLine(run.out());
        assertThat(run.out()).contains("\"count\":1", "\"status\":\"FAILED\"", "\"attempts\":1",
                "\"key\":\"drops/hostile \\\"name\\\" <&>.json\"", "\"etag\":\"" + id.etag() + "\"");
    }

    @Test
    void showPrintsBothOutputsOfAFileConvertedToXmlAndParquet() throws IOException {
        FileId id = FileId.ofVersion("input-bucket", "both.json", "v1");
        store.register(id, SHA, 1, 3);
        FileRecord held = ((ClaimResult.Claimed) store.claim(id, "w", Duration.ofMinutes(1))).record();
        store.complete(id, "w", held.version(), new FileOutputs("xml/both.json.xml", "b".repeat(64), 3, 0,
                "parquet/both.json.parquet", "c".repeat(64), 3L, 2048L));

        Run run = files("show", "input-bucket/both.json");

        assertThat(run.exit()).isZero();
        assertOneJsonLine(run.out());
        assertThat(run.out()).contains("\"outputKey\":\"xml/both.json.xml\"", "\"outputSha256\":\"" + "b".repeat(64) + "\"",
                "\"parquetKey\":\"parquet/both.json.parquet\"", "\"parquetSha256\":\"" + "c".repeat(64) + "\"",
                "\"parquetRows\":3", "\"parquetBytes\":2048");
    }

    @Test
    void unknownFilesAndBadArgumentsExitTwoNamingThem() {
        Run show = files("show", "input-bucket/never-uploaded.json");
        assertThat(show.exit()).isEqualTo(2);
        assertThat(show.out()).isEmpty();
        assertThat(show.err()).contains("input-bucket/never-uploaded.json", table);

        Run requeue = files("requeue", "input-bucket/never-uploaded.json");
        assertThat(requeue.exit()).isEqualTo(2);
        assertThat(requeue.err()).contains("input-bucket/never-uploaded.json");

        Run noKey = files("show", "just-a-bucket");
        assertThat(noKey.exit()).isEqualTo(2);
        assertThat(noKey.err()).contains("'just-a-bucket' is not BUCKET/KEY");

        Run badStatus = files("list", "--status", "DONE");
        assertThat(badStatus.exit()).isEqualTo(2);
        assertThat(badStatus.err()).contains("'DONE'");

        Run badCursor = files("list", "--status", "FAILED", "--cursor", "nonsense");
        assertThat(badCursor.exit()).isEqualTo(2);
        assertThat(badCursor.err()).contains("nonsense");
    }

    @Test
    void requeueSendsAQuarantinedFileBackToPending() throws IOException {
        FileId id = fileFailed("poison.json", 2, 2);
        assertThat(store.get(id).orElseThrow().status().name()).isEqualTo("QUARANTINED");

        Run run = files("requeue", "input-bucket/poison.json");

        assertThat(run.exit()).isZero();
        assertOneJsonLine(run.out());
        assertThat(run.out()).contains("\"requeued\":{", "\"status\":\"PENDING\"", "\"attempts\":0");
        assertThat(store.get(id).orElseThrow().status().name()).isEqualTo("PENDING");

        Run again = files("requeue", "input-bucket/poison.json");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("PENDING", "poison.json");
    }

    @Test
    void requeueOfACompletedFileIsRefusedAndLeavesItAlone() {
        FileId id = FileId.ofVersion("input-bucket", "done.json", "v1");
        store.register(id, SHA, 1, 3);
        FileRecord held = ((ClaimResult.Claimed) store.claim(id, "w", Duration.ofMinutes(1))).record();
        store.complete(id, "w", held.version(), new FileOutputs("out/done.xml", "b".repeat(64), 3, 0));
        FileRecord before = store.get(id).orElseThrow();

        Run run = files("requeue", "input-bucket/done.json", "--version-id", "v1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("COMPLETED");
        assertThat(store.get(id)).contains(before);
    }

    @Test
    void supersededFilesAreListedAndTheirRequeueIsRefusedNamingTheNewerVersion() throws IOException {
        FileId old = FileId.ofVersion("input-bucket", "feed.jsonl", "v-old");
        FileId newer = FileId.ofVersion("input-bucket", "feed.jsonl", "v-new");
        store.register(old, SHA, 10, 3, new com.productflow.state.Sequencer("0A"));
        store.register(newer, SHA, 5, 3, new com.productflow.state.Sequencer("0B"));
        store.supersede(old, "v-new");

        Run list = files("list", "--status", "superseded");
        assertThat(list.exit()).isZero();
        assertOneJsonLine(list.out());
        assertThat(list.out()).contains("\"count\":1", "\"versionId\":\"v-old\"", "\"status\":\"SUPERSEDED\"",
                "\"supersededBy\":\"v-new\"", "\"sequencer\":\"A\"");

        Run requeue = files("requeue", "input-bucket/feed.jsonl", "--version-id", "v-old");
        assertThat(requeue.exit()).isEqualTo(2);
        assertThat(requeue.err()).contains("SUPERSEDED", "v-new");
        assertThat(store.get(old).orElseThrow().status().name()).isEqualTo("SUPERSEDED");
    }

    @Test
    void aMissingTableIsAFailureNamingIt() {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Main.run("files", "list", "--endpoint", Dynalite.shared().endpoint().toString(), "--table", "no-such-table");
            assertThat(exit).isEqualTo(1);
        } finally {
            System.setErr(oldErr);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no-such-table");
    }

    @Test
    void anInvalidEndpointSettingIsBadInput() {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(Main.run("files", "list", "--endpoint", "ftp://nowhere")).isEqualTo(2);
        } finally {
            System.setErr(oldErr);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("AWS_ENDPOINT_URL_DYNAMODB");
    }
}
