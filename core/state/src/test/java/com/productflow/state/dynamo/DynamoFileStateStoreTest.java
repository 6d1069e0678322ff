package com.productflow.state.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.productflow.stack.dynamo.Dynalite;
import com.productflow.state.FileId;
import com.productflow.state.FileStateStore;
import com.productflow.state.FileStateStoreContract;
import com.productflow.state.FileStatus;
import com.productflow.state.MutableClock;
import com.productflow.state.StateStoreException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The contract against DynamoDB's API as served by dynalite, plus what only a shared server can show. */
class DynamoFileStateStoreTest extends FileStateStoreContract {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static DynamoDbClient client;
    private String table;

    @BeforeAll
    static void connect() {
        client = DynamoClients.local(Dynalite.shared().endpoint());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Override
    protected FileStateStore newStore(MutableClock clock) {
        table = "files-" + ProcessHandle.current().pid() + "-" + TABLES.incrementAndGet();
        StateTables.createIfMissing(client, table);
        return new DynamoFileStateStore(client, table, clock, RETENTION);
    }

    @Test
    void tableMatchesTheSchemaAndCreatingItAgainIsHarmless() {
        StateTables.createIfMissing(client, table);
        TableDescription described = client.describeTable(b -> b.tableName(table)).table();
        assertThat(described.keySchema()).containsExactlyElementsOf(StateTableSchema.keySchema());
        assertThat(described.attributeDefinitions()).containsExactlyInAnyOrderElementsOf(StateTableSchema.attributeDefinitions());
        assertThat(described.globalSecondaryIndexes()).singleElement().satisfies(index -> {
            assertThat(index.indexName()).isEqualTo("status-updatedAt");
            assertThat(index.keySchema()).extracting(k -> k.attributeName()).containsExactly("status", "updatedAt");
            assertThat(index.projection().projectionTypeAsString()).isEqualTo("ALL");
        });
    }

    @Test
    void storedItemsUseTheAgreedKeysAndAttributeNames() {
        FileId versioned = FileId.ofVersion("in", "a/b.json", "v123");
        FileId plain = FileId.ofEtag("in", "a/b.json", "\"abc\"");
        store.register(versioned, SHA, 1, 3);
        store.register(plain, SHA, 1, 3);

        var items = client.scan(b -> b.tableName(table)).items();
        assertThat(items).extracting(i -> i.get("pk").s()).containsOnly("in/a/b.json");
        assertThat(items).extracting(i -> i.get("sk").s()).containsExactlyInAnyOrder("v#v123", "e#abc");
        assertThat(items.get(0).keySet()).contains("bucket", "key", "status", "inputSha256", "inputBytes", "attempts",
                "maxAttempts", "version", "createdAt", "updatedAt");
        assertThat(items.get(0).get("updatedAt").s()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void anInProgressRecordWithoutALeaseIsClaimableNotStuck() {
        FileId id = file("hand-edited.json");
        store.register(id, SHA, 1, 3);
        store.claim(id, "vanished", LEASE);
        client.updateItem(b -> b.tableName(table).key(ItemCodec.key(id)).updateExpression("REMOVE leaseExpiresAt"));

        assertThat(store.claim(id, "rescuer", LEASE)).isInstanceOf(com.productflow.state.ClaimResult.Claimed.class);
    }

    @Test
    void aMissingTableIsNamedInTheError() {
        DynamoFileStateStore missing = new DynamoFileStateStore(client, "no-such-table", Clock.systemUTC(), RETENTION);
        assertThatThrownBy(() -> missing.get(FileId.ofEtag("b", "k", "e")))
                .isInstanceOf(StateStoreException.class).hasMessageContaining("no-such-table").hasMessageContaining("STATE_TABLE");
    }

    @Test
    void aDeadServerIsAClearFailure() throws IOException {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        // No retries: the point is the error's wording, not the SDK's back-off.
        try (DynamoDbClient dead = DynamoDbClient.builder()
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(c -> c.retryStrategy(software.amazon.awssdk.core.retry.RetryMode.STANDARD)
                        .retryStrategy(b -> b.maxAttempts(1)))
                .build()) {
            DynamoFileStateStore unreachable = new DynamoFileStateStore(dead, "t", Clock.systemUTC(), RETENTION);
            assertThatThrownBy(() -> unreachable.list(FileStatus.FAILED, 10, java.util.Optional.empty()))
                    .isInstanceOf(StateStoreException.class).hasMessageContaining("cannot reach DynamoDB");
        }
    }

    /** Four JVMs race for one file through the same server: exactly one may win. */
    @Test
    void fourProcessesClaimingOneFileHaveExactlyOneWinner(@TempDir Path dir) throws Exception {
        FileId id = file("multi-process.json");
        store.register(id, SHA, 10, 3);
        Path go = dir.resolve("go");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Process p = new ProcessBuilder(java, "-Xmx96m", "-XX:TieredStopAtLevel=1", "-Daws.disableEc2Metadata=true",
                        "-cp", System.getProperty("java.class.path"), ClaimProcessMain.class.getName(),
                        Dynalite.shared().endpoint().toString(), table, id.bucket(), id.key(), id.etag(), "process-" + i, go.toString())
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                processes.add(p);
                outputs.add(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
            }
            for (BufferedReader out : outputs) {
                assertThat(out.readLine()).isEqualTo("READY");
            }
            Files.createFile(go);
            List<String> results = new ArrayList<>();
            for (int i = 0; i < processes.size(); i++) {
                results.add(outputs.get(i).readLine());
                assertThat(processes.get(i).waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(processes.get(i).exitValue()).isZero();
            }
            assertThat(results).filteredOn(r -> r.startsWith("CLAIMED")).hasSize(1);
            assertThat(results).filteredOn(r -> r.equals("NOT_CLAIMED LEASED")).hasSize(3);
            String winner = results.stream().filter(r -> r.startsWith("CLAIMED")).findFirst().orElseThrow().substring("CLAIMED ".length());
            assertThat(store.get(id).orElseThrow().leaseOwner()).isEqualTo(winner);
            assertThat(store.get(id).orElseThrow().attempts()).isEqualTo(1);
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
    }

    @Test
    void settingsBuildAWorkingClientForALocalEndpoint() {
        var settings = com.productflow.state.StateSettings.from(com.productflow.common.config.SettingsSource.of(
                java.util.Map.of("DYNAMODB_ENDPOINT", Dynalite.shared().endpoint().toString(), "STATE_TABLE", table)));
        try (DynamoDbClient fromSettings = DynamoClients.create(settings)) {
            FileStateStore viaSettings = new DynamoFileStateStore(fromSettings, settings.table(), clock, Duration.ofDays(settings.retentionDays()));
            FileId id = file("settings.json");
            store.register(id, SHA, 1, 3);
            assertThat(viaSettings.get(id)).isPresent();
        }
    }
}
