package com.productflow.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.productflow.stack.sfn.ExecutionStatus;
import com.productflow.stack.node.NodeTools;
import com.productflow.state.FileId;
import com.productflow.state.FileRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the local run starts comes from the template, not from Java: a copy of template.yaml with a changed
 * parameter default, an added environment variable, a wrong handler, a changed timeout, and an env-vars
 * file with a variable the template does not declare, changes what the functions' JVMs run with; and SAM's
 * {@code --parameter-overrides OutputFormats=xml,parquet ParquetOutputPrefix=columns/} makes ConvertFunction
 * write the Parquet beside the XML, recorded in the file's record and listed by the demo's report.
 */
class TemplateDrivenLocalTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    @TempDir
    static Path folder;
    private static LocalSystem system;
    private static final ByteArrayOutputStream said = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        Path root = NodeTools.projectRoot();
        String template = Files.readString(root.resolve("template.yaml"));
        template = replaceOnce(template, "  OutputPrefix:\n    Type: String\n    Default: xml/", "  OutputPrefix:\n    Type: String\n    Default: feeds/");
        template = replaceOnce(template, "    Default: 3\n    MinValue: 1\n    MaxValue: 20\n    Description: Attempts per file",
                "    Default: 4\n    MinValue: 1\n    MaxValue: 20\n    Description: Attempts per file");
        template = replaceOnce(template, "          S3_PARALLELISM: \"6\"\n", "          S3_PARALLELISM: \"6\"\n          TEMPLATE_MARKER: from-the-copy\n");
        template = replaceOnce(template, "Handler: com.productflow.functions.ingest.ListFilesHandler::handleRequest",
                "Handler: com.productflow.functions.ingest.NoSuchHandler::handleRequest");
        template = replaceOnce(template, "      Handler: com.productflow.functions.state.RecordOutcomeHandler::handleRequest\n      MemorySize: 512\n      Timeout: 60",
                "      Handler: com.productflow.functions.state.RecordOutcomeHandler::handleRequest\n      MemorySize: 512\n      Timeout: 45");
        Files.writeString(folder.resolve("template.yaml"), template);
        Files.createDirectories(folder.resolve("statemachine"));
        for (String machine : List.of("process-file.asl.json", "backfill.asl.json")) {
            Files.copy(root.resolve("statemachine").resolve(machine), folder.resolve("statemachine").resolve(machine));
        }
        Path envVars = folder.resolve("env.json");
        Files.writeString(envVars, "{\"Parameters\": {\"POWERTOOLS_LOG_LEVEL\": \"WARN\"}, \"ExtractFunction\": {\"KAFKA_BOOTSTRAP_SERVERS\":"
                + " \"{{local:kafka}}\", \"KAFKA_AUTH\": \"none\"}, \"ConvertFunction\": {\"NOT_IN_THE_TEMPLATE\": \"x\"}}");
        system = LocalSystem.start(LocalOptions.defaults().withTemplate(folder.resolve("template.yaml")).withEnvVars(envVars)
                .withParameterOverrides(Map.of("OutputFormats", "xml,parquet", "ParquetOutputPrefix", "columns/"))
                .withRetryInterval(Duration.ofMillis(20)).withExtractToday(Demo.SAMPLE_TODAY).withScheduleRate(Duration.ofSeconds(2))
                .withLog(LocalLog.to(new PrintStream(said, true, StandardCharsets.UTF_8))));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    private static String replaceOnce(String text, String from, String to) {
        assertThat(text).as("template.yaml still has: " + from).contains(from);
        return text.replace(from, to);
    }

    @Test
    void aChangedDefaultVariableAndTimeoutReachTheFunctions() throws Exception {
        assertThat(system.function(LocalSystem.RECORD_OUTCOME).orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(system.function(LocalSystem.RECORD_OUTCOME).orElseThrow().environment()).containsEntry("STATE_MAX_ATTEMPTS", "4");
        assertThat(system.function(LocalSystem.CONVERT).orElseThrow().environment())
                .containsEntry("TEMPLATE_MARKER", "from-the-copy").containsEntry("OUTPUT_PREFIX", "feeds/")
                .containsEntry("POWERTOOLS_LOG_LEVEL", "WARN").doesNotContainKey("NOT_IN_THE_TEMPLATE");
        assertThat(said.toString(StandardCharsets.UTF_8)).contains("NOT_IN_THE_TEMPLATE").contains("ignored");

        // What the function's JVM really has in its environment (Linux's /proc).
        Path environ = Path.of("/proc", String.valueOf(system.functionPid(LocalSystem.CONVERT).orElseThrow()), "environ");
        assumeThat(Files.isReadable(environ)).as("/proc/<pid>/environ (Linux)").isTrue();
        List<String> variables = Arrays.asList(Files.readString(environ).split("\0"));
        assertThat(variables).contains("TEMPLATE_MARKER=from-the-copy", "OUTPUT_PREFIX=feeds/", "STATE_MAX_ATTEMPTS=4",
                "_HANDLER=com.productflow.functions.convert.ConvertHandler::handleRequest", "AWS_LAMBDA_FUNCTION_NAME=ConvertFunction",
                "AWS_ENDPOINT_URL_S3=" + system.endpoints().s3(), "AWS_ENDPOINT_URL_DYNAMODB=" + system.endpoints().dynamodb(),
                "AWS_ENDPOINT_URL_SFN=" + system.endpoints().stepfunctions())
                .noneMatch(v -> v.startsWith("NOT_IN_THE_TEMPLATE="));
    }

    @Test
    void theChangedPrefixIsWhereTheXmlLands() throws Exception {
        FileId file = E2e.put(system.s3(), system.inputBucket(), "incoming/template-driven.json", E2e.sampleArray());

        com.productflow.stack.sfn.Execution execution = system.awaitExecution(file, 1, WAIT);
        assertThat(execution.status()).as(execution.error() + ": " + execution.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        FileRecord record = system.state().get(file).orElseThrow();
        assertThat(record.outputKey()).isEqualTo("feeds/incoming/template-driven.json.xml");
        assertThat(E2e.get(system.s3(), system.outputBucket(), record.outputKey())).isNotEmpty();
    }

    @Test
    void outputFormatsFromTheParameterOverridesWriteTheParquetBesideTheXml() throws Exception {
        assertThat(system.function(LocalSystem.CONVERT).orElseThrow().environment())
                .containsEntry("OUTPUT_FORMATS", "xml,parquet").containsEntry("PARQUET_OUTPUT_PREFIX", "columns/");
        FileId file = E2e.put(system.s3(), system.inputBucket(), "incoming/both-formats.json", E2e.sampleArray());

        com.productflow.stack.sfn.Execution execution = system.awaitExecution(file, 1, WAIT);
        assertThat(execution.status()).as(execution.error() + ": " + execution.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        FileRecord record = system.state().get(file).orElseThrow();
        byte[] xml = E2e.get(system.s3(), system.outputBucket(), record.outputKey());
        byte[] parquet = E2e.get(system.s3(), system.outputBucket(), "columns/incoming/both-formats.json.parquet");
        assertThat(record.outputKey()).isEqualTo("feeds/incoming/both-formats.json.xml");
        assertThat(record.outputSha256()).isEqualTo(E2e.sha256(xml));
        assertThat(record.records()).isEqualTo((long) E2e.productCount(xml));
        assertThat(record.parquetKey()).isEqualTo("columns/incoming/both-formats.json.parquet");
        assertThat(record.parquetSha256()).isEqualTo(E2e.sha256(parquet));
        assertThat(record.parquetRows()).isEqualTo(record.records());
        assertThat(record.parquetBytes()).isEqualTo(parquet.length);
        assertThat(new String(parquet, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");

        // The demo's report lists and verifies both outputs of each sample file.
        Demo.Report report = new Demo(system, LocalLog.to(new PrintStream(said, true, StandardCharsets.UTF_8))).runFiles();
        assertThat(report.ok()).as(report.fileSummaries().toString()).isTrue();
        assertThat(report.fileSummaries()).isNotEmpty().allSatisfy(line -> {
            com.fasterxml.jackson.databind.JsonNode json = new ObjectMapper().readTree(line.toString());
            assertThat(json.path("verified").asBoolean()).isTrue();
            assertThat(json.path("parquetKey").asText()).startsWith("columns/incoming/").endsWith(".parquet");
            assertThat(json.path("parquetSha256").asText()).hasSize(64);
            assertThat(json.path("parquetRows").asLong()).isEqualTo(json.path("records").asLong()).isPositive();
        });
    }

    @Test
    void theHandlerNamedInTheTemplateIsTheOneLoaded() {
        LambdaInvoker.Result result = system.lambda().invoke(LocalSystem.LIST_FILES, "{\"bucket\":\"productflow-input\",\"prefix\":\"\"}", WAIT);

        assertThat(result.functionError()).as(result.body()).isTrue();
        assertThat(result.body()).contains("ClassNotFoundException").contains("com.productflow.functions.ingest.NoSuchHandler");
    }

    @Test
    void theScheduleRunsRedriveAtTheGivenRate() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (system.invocations(LocalSystem.REDRIVE) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(system.invocations(LocalSystem.REDRIVE)).isGreaterThanOrEqualTo(2);
        assertThat(said.toString(StandardCharsets.UTF_8)).contains("schedule Every15Minutes").contains("rate(15 minutes)");
        assertThat(new ObjectMapper().readTree(system.lambda().invoke(LocalSystem.REDRIVE, "{}", WAIT).body()).isObject()).isTrue();
    }
}
