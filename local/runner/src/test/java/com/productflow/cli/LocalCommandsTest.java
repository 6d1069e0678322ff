package com.productflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code invoke} and {@code demo} as a user runs them: exit codes, one JSON line on stdout, errors on stderr. */
class LocalCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    private static Path events(String name) {
        return com.productflow.local.SampleFiles.samplesFolder().getParent().resolve("events").resolve(name);
    }

    @Test
    void invokeRefusesAnUnknownFunctionAndAnUnreadableOrMalformedEventWithExit2() throws Exception {
        assertThat(Main.run("invoke", "NoSuchFunction", "--event", events("s3-put.json").toString())).isEqualTo(2);
        assertThat(console.err()).contains("unknown function 'NoSuchFunction'");

        assertThat(Main.run("invoke", "IngestFunction", "--event", dir.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(console.err()).contains("cannot read the event file").contains("missing.json");

        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"Records\": [\n  {\"s3\": }\n]}");
        assertThat(Main.run("invoke", "IngestFunction", "--event", bad.toString())).isEqualTo(2);
        assertThat(console.err()).contains("bad.json is not JSON (line 2");
        assertThat(console.out()).isEmpty();
    }

    @Test
    void invokeRunsIngestOnTheSampleS3EventAndPrintsItsResult() throws Exception {
        int code = Main.run("invoke", "IngestFunction", "--event", events("s3-put.json").toString(), "--wait");

        assertThat(code).as(console.err()).isZero();
        assertThat(console.out().lines()).hasSize(1);
        JsonNode file = JSON.readTree(console.out()).path("files").get(0);
        assertThat(file.path("key").asText()).isEqualTo("incoming/sample_products.json");
        assertThat(file.path("inputSha256").asText()).hasSize(64);
        assertThat(file.path("started").asBoolean()).isTrue();
        assertThat(console.err()).contains("SUCCEEDED");
    }

    @Test
    void invokeReportsAFunctionErrorWithTheLambdaErrorDocumentAndExit1() throws Exception {
        int code = Main.run("invoke", "RecordOutcomeFunction", "--event", events("schedule.json").toString());

        assertThat(code).isEqualTo(1);
        assertThat(console.out()).isEmpty();
        String document = console.err().lines().filter(l -> l.startsWith("{\"errorMessage\"")).findFirst().orElseThrow();
        assertThat(JSON.readTree(document).path("errorType").asText()).isEqualTo("com.productflow.functions.InvalidInput");
    }

    @Test
    void invokeCanUseTheLambdaApiOfARunningLocalSystem() throws Exception {
        try (com.productflow.local.LocalSystem running = com.productflow.local.LocalSystem.start(
                com.productflow.local.LocalOptions.defaults().withLog(com.productflow.local.LocalLog.silent()))) {
            int code = Main.run("invoke", "RedriveFunction", "--event", events("schedule.json").toString(),
                    "--lambda", running.endpoints().lambda().toString());

            assertThat(code).as(console.err()).isZero();
            assertThat(JSON.readTree(console.out()).path("quarantined").asInt()).isZero();
            assertThat(console.err()).doesNotContain("local system ready"); // no second stack was started
        }
    }

    @Test
    void demoCompletesEveryFileAndPrintsOneSummary() throws Exception {
        int code = Main.run("demo");

        assertThat(code).as(console.err()).isZero();
        assertThat(console.out().lines()).hasSize(1);
        JsonNode summary = JSON.readTree(console.out());
        assertThat(summary.path("ok").asBoolean()).isTrue();
        assertThat(summary.path("files")).hasSize(3);
        for (JsonNode file : summary.path("files")) {
            assertThat(file.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(file.path("verified").asBoolean()).isTrue();
            assertThat(file.path("outputSha256").asText()).hasSize(64);
        }
        assertThat(summary.path("files").get(1).path("records").asLong()).isEqualTo(5);
        assertThat(summary.path("kafka").path("messages").asLong()).isEqualTo(20);
        assertThat(summary.path("kafka").path("distinctKeys").asLong()).isEqualTo(20);
        assertThat(summary.path("sql").path("loaded").asLong()).isEqualTo(48);
        assertThat(summary.path("sql").path("rejected").asLong()).isEqualTo(2);
        assertThat(summary.path("sql").path("today").asText()).isEqualTo("2026-11-25");
        assertThat(console.err()).contains("demo: put 3 sample files");
    }
}
