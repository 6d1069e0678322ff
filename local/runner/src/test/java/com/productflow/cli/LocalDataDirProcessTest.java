package com.productflow.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productflow.local.SampleFiles;
import com.productflow.stack.s3.S3Stack;
import com.productflow.state.FileRecord;
import com.productflow.state.FileStatus;
import com.productflow.state.dynamo.DynamoClients;
import com.productflow.state.dynamo.DynamoFileStateStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code productflow local --data-dir DIR} as the crash campaign runs it, each run its own JVM: a second run on the
 * DIR exits 2 naming it; after {@code kill -9} no server or function of the killed run is left and the DIR can be
 * used at once; the restarted run keeps what was stored, finishes the file a kill interrupted, ingests a file that
 * arrived while it was down, and does not ingest again a file already done.
 */
class LocalDataDirProcessTest {
    private static final String BUCKET = "productflow-input";

    @TempDir
    Path work;

    @Test
    void aKilledRunLeavesNothingRunningAndItsRestartResumes() throws Exception {
        Path dir = work.resolve("data");
        Path big = work.resolve("big.json");
        assertThat(Main.run("generate", "--format", "json", "--count", "20000", "--output", big.toString())).isZero();

        Run first = Run.start(dir, work.resolve("first.log"));
        List<ProcessHandle> children;
        try {
            try (S3Client s3 = s3(first.endpoints)) {
                s3.putObject(r -> r.bucket(BUCKET).key("incoming/done.json"),
                        RequestBody.fromFile(SampleFiles.samplesFolder().resolve("sample_products.json")));
                first.awaitLog("SUCCEEDED: s3://" + BUCKET + "/incoming/done.json COMPLETED", Duration.ofSeconds(120));
                s3.putObject(r -> r.bucket(BUCKET).key("incoming/big.json"), RequestBody.fromFile(big));
            }
            first.awaitLog("ingested s3://" + BUCKET + "/incoming/big.json", Duration.ofSeconds(120));

            // A second run on the same DIR: refused before it starts anything.
            Process second = new ProcessBuilder(Run.command(dir)).redirectErrorStream(true).start();
            String output = new String(second.getInputStream().readAllBytes(), UTF_8);
            assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).as(output).isEqualTo(2);
            assertThat(output).contains(dir.toAbsolutePath().toString()).contains("in use");

            children = first.process.toHandle().descendants().toList();
            assertThat(children).as("dynalite, the executor and the function JVMs").hasSizeGreaterThanOrEqualTo(3);
        } finally {
            first.process.destroyForcibly(); // kill -9: no shutdown hook runs
        }
        assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (ProcessHandle child : children) {
            while (child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(child.isAlive()).as("pid %d of the killed run: %s", child.pid(), child.info().commandLine().orElse("?")).isFalse();
        }

        // A file arrives while the system is down (its S3 store alone, as the user's upload would land).
        try (S3Stack store = S3Stack.startFilesystem(dir.resolve("s3")); S3Client s3 = store.client()) {
            s3.putObject(r -> r.bucket(BUCKET).key("incoming/meanwhile.json"),
                    RequestBody.fromFile(SampleFiles.samplesFolder().resolve("sample_products.json")));
        }

        Run again = Run.start(dir, work.resolve("again.log"));
        try {
            again.awaitLog("SUCCEEDED: s3://" + BUCKET + "/incoming/meanwhile.json COMPLETED", Duration.ofSeconds(180));
            try (DynamoDbClient dynamo = DynamoClients.local(URI.create(again.endpoints.path("dynamodb").asText()))) {
                DynamoFileStateStore state = new DynamoFileStateStore(dynamo, again.endpoints.path("stateTable").asText("productflow-files"),
                        Clock.systemUTC(), Duration.ofDays(30));
                assertThat(statuses(state, "incoming/done.json")).containsExactly(FileStatus.COMPLETED);
                long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                while (!statuses(state, "incoming/big.json").equals(List.of(FileStatus.COMPLETED)) && System.nanoTime() < until) {
                    Thread.sleep(200);
                }
                assertThat(statuses(state, "incoming/big.json")).as(again.log()).containsExactly(FileStatus.COMPLETED);
            }
            assertThat(again.log()).doesNotContain("ingested s3://" + BUCKET + "/incoming/done.json")
                    .contains("ingested s3://" + BUCKET + "/incoming/meanwhile.json");
        } finally {
            again.process.destroy();
            again.process.waitFor(60, TimeUnit.SECONDS);
            again.process.destroyForcibly();
        }
        assertThat(Files.readString(dir.resolve("env.json"))).isEqualTo(Files.readString(
                SampleFiles.samplesFolder().getParent().resolve("local").resolve("env.json")));
    }

    private static List<FileStatus> statuses(DynamoFileStateStore state, String key) {
        return state.findObject(BUCKET, key).stream().map(FileRecord::status).toList();
    }

    private static S3Client s3(JsonNode endpoints) {
        return S3Client.builder().endpointOverride(URI.create(endpoints.path("s3").asText()))
                .region(software.amazon.awssdk.regions.Region.of(S3Stack.REGION)).forcePathStyle(true)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(S3Stack.ACCESS_KEY, S3Stack.SECRET_KEY)))
                .build();
    }

    /** One {@code local --data-dir} JVM: its endpoints line and its stderr. */
    private record Run(Process process, JsonNode endpoints, Path stderr) {
        static List<String> command(Path dir) {
            Path root = SampleFiles.samplesFolder().getParent();
            return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Dproductflow.home=" + root,
                    "-Daws.disableEc2Metadata=true", "com.productflow.cli.Main", "local", "--data-dir", dir.toString()));
        }

        static Run start(Path dir, Path stderr) throws Exception {
            Process process = new ProcessBuilder(command(dir)).redirectError(stderr.toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
            String first = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(180, TimeUnit.SECONDS); // a loaded 2-core machine needs ~90 s to start the stack
            assertThat(first).as(Files.readString(stderr)).isNotNull();
            return new Run(process, new ObjectMapper().readTree(first), stderr);
        }

        String log() throws IOException {
            return Files.readString(stderr);
        }

        void awaitLog(String text, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!log().contains(text)) {
                assertThat(System.nanoTime()).as("'%s' within %s in:%n%s", text, timeout, log()).isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }
}
