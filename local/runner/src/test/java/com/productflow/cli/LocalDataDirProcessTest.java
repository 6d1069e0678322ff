package com.productflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.productflow.common.BadInputException;
import com.productflow.local.SampleFiles;
import com.productflow.local.chaos.LocalLauncher;
import com.productflow.local.chaos.LocalProcess;
import com.productflow.local.chaos.StackClients;
import com.productflow.local.chaos.StackEndpoints;
import com.productflow.stack.s3.S3Stack;
import com.productflow.state.FileRecord;
import com.productflow.state.FileStatus;
import com.productflow.state.dynamo.DynamoFileStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
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

        LocalLauncher launcher = new LocalLauncher(dir, work);
        LocalProcess first = launcher.start();
        List<ProcessHandle> children;
        try {
            try (S3Client s3 = s3(first.endpoints())) {
                s3.putObject(r -> r.bucket(BUCKET).key("incoming/done.json"),
                        RequestBody.fromFile(SampleFiles.samplesFolder().resolve("sample_products.json")));
                awaitLog(first, "SUCCEEDED: s3://" + BUCKET + "/incoming/done.json COMPLETED", Duration.ofSeconds(120));
                s3.putObject(r -> r.bucket(BUCKET).key("incoming/big.json"), RequestBody.fromFile(big));
            }
            awaitLog(first, "ingested s3://" + BUCKET + "/incoming/big.json", Duration.ofSeconds(120));

            // A second run on the same DIR: refused (exit 2) before it starts anything.
            assertThatThrownBy(launcher::start).isInstanceOf(BadInputException.class)
                    .hasMessageContaining(dir.toAbsolutePath().toString()).hasMessageContaining("in use");

            children = first.handle().descendants().toList();
            assertThat(children).as("dynalite, the executor and the function JVMs").hasSizeGreaterThanOrEqualTo(3);
        } finally {
            first.handle().destroyForcibly(); // kill -9 of the local JVM alone: no shutdown hook runs
        }
        assertThat(first.handle().onExit()).succeedsWithin(Duration.ofSeconds(30));
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

        LocalProcess again = launcher.start();
        try {
            awaitLog(again, "SUCCEEDED: s3://" + BUCKET + "/incoming/meanwhile.json COMPLETED", Duration.ofSeconds(180));
            try (StackClients clients = new StackClients(again.endpoints())) {
                assertThat(statuses(clients.state(), "incoming/done.json")).containsExactly(FileStatus.COMPLETED);
                long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                while (!statuses(clients.state(), "incoming/big.json").equals(List.of(FileStatus.COMPLETED)) && System.nanoTime() < until) {
                    Thread.sleep(200);
                }
                assertThat(statuses(clients.state(), "incoming/big.json")).as(log(again)).containsExactly(FileStatus.COMPLETED);
            }
            assertThat(log(again)).doesNotContain("ingested s3://" + BUCKET + "/incoming/done.json")
                    .contains("ingested s3://" + BUCKET + "/incoming/meanwhile.json");
        } finally {
            again.stop(Duration.ofSeconds(60));
        }
        assertThat(Files.readString(dir.resolve("env.json"))).isEqualTo(Files.readString(
                SampleFiles.samplesFolder().getParent().resolve("local").resolve("env.json")));
    }

    private static List<FileStatus> statuses(DynamoFileStateStore state, String key) {
        return state.findObject(BUCKET, key).stream().map(FileRecord::status).toList();
    }

    private static S3Client s3(StackEndpoints endpoints) {
        return S3Client.builder().endpointOverride(endpoints.s3())
                .region(software.amazon.awssdk.regions.Region.of(endpoints.region())).forcePathStyle(true)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(endpoints.accessKey(), endpoints.secretKey())))
                .build();
    }

    private static String log(LocalProcess local) throws IOException {
        return Files.readString(local.log());
    }

    private static void awaitLog(LocalProcess local, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!log(local).contains(text)) {
            assertThat(System.nanoTime()).as("'%s' within %s in:%n%s", text, timeout, log(local)).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
