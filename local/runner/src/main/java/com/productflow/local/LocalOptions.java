package com.productflow.local;

import com.productflow.stack.node.NodeTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * How to start the local system. What the functions run with (handlers, environment, timeouts, reserved
 * concurrency, schedules) is read from {@code template} under SAM's {@code --parameter-overrides} and
 * {@code --env-vars}; the rest is what only the local run needs.
 *
 * @param inputBucket        the local name of the template's {@code InputBucket} (the sample events name it)
 * @param outputBucket       the local name of the template's {@code OutputBucket}
 * @param stateTable         the local name of the template's {@code StateTable}
 * @param template           the SAM template (default: the project's template.yaml)
 * @param parameterOverrides SAM's {@code --parameter-overrides}
 * @param envVars            SAM's {@code --env-vars} file (default: local/env.json; null = none)
 * @param retryInterval      local only: a fixed wait before every state machine retry instead of the
 *                           definition's backoff (tests); null keeps the definition's timing
 * @param watch              whether puts into the input bucket fire IngestFunction and the schedules run
 * @param extractToday       the day the extract's "days back" window ends (null = today): the local
 *                           clock for the sample data, given to the functions as EXTRACT_TODAY
 * @param productsCsv        the products CSV put at the extract's CSV_FILE_PATH (null = none)
 * @param kafkaTimeout       how long the extract waits for the local broker (its KAFKA_*_TIMEOUT); null = the function's defaults
 * @param scheduleRate       runs every schedule of the template at this rate instead of its own (null = its own)
 * @param dataDir            where S3, DynamoDB, Kafka, the executions and the settings live across restarts
 *                           ({@link DataDir}); null = temporary storage, gone when the system stops
 */
public record LocalOptions(String inputBucket, String outputBucket, String stateTable, Path template,
                           Map<String, String> parameterOverrides, Path envVars, Duration retryInterval, boolean watch,
                           LocalDate extractToday, Path productsCsv, Duration kafkaTimeout,
                           Duration scheduleRate, LocalLog log, Path dataDir) {
    public LocalOptions {
        Objects.requireNonNull(inputBucket, "inputBucket");
        Objects.requireNonNull(outputBucket, "outputBucket");
        Objects.requireNonNull(stateTable, "stateTable");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(log, "log");
        parameterOverrides = Map.copyOf(parameterOverrides);
    }

    /** The committed env-vars file of the local run. */
    public static Path defaultEnvVars() {
        return NodeTools.projectRoot().resolve("local").resolve("env.json");
    }

    public static LocalOptions defaults() {
        Path root = NodeTools.projectRoot();
        Path envVars = defaultEnvVars();
        return new LocalOptions("productflow-input", "productflow-output", "productflow-files", root.resolve("template.yaml"),
                Map.of(), Files.isRegularFile(envVars) ? envVars : null, null, true, null,
                SampleFiles.samplesFolder().resolve("products.csv"), Duration.ofSeconds(10), null, LocalLog.stderr(), null);
    }

    public LocalOptions withBuckets(String input, String output) {
        return new LocalOptions(input, output, stateTable, template, parameterOverrides, envVars, retryInterval, watch,
                extractToday, productsCsv, kafkaTimeout, scheduleRate, log, dataDir);
    }

    public LocalOptions withTemplate(Path value) {
        return new LocalOptions(inputBucket, outputBucket, stateTable, value, parameterOverrides, envVars, retryInterval, watch,
                extractToday, productsCsv, kafkaTimeout, scheduleRate, log, dataDir);
    }

    public LocalOptions withParameterOverrides(Map<String, String> value) {
        return new LocalOptions(inputBucket, outputBucket, stateTable, template, value, envVars, retryInterval, watch,
                extractToday, productsCsv, kafkaTimeout, scheduleRate, log, dataDir);
    }

    public LocalOptions withEnvVars(Path value) {
        return new LocalOptions(inputBucket, outputBucket, stateTable, template, parameterOverrides, value, retryInterval, watch,
                extractToday, productsCsv, kafkaTimeout, scheduleRate, log, dataDir);
    }

    public LocalOptions withRetryInterval(Duration interval) {
        return new LocalOptions(inputBucket, outputBucket, stateTable, template, parameterOverrides, envVars, interval, watch,
                extractToday, productsCsv, kafkaTimeout, scheduleRate, log, dataDir);
    }

    public LocalOptions withWatch(boolean value) {
        return new LocalOptions(inputBucket, outputBucket, stateTable, template, parameterOverrides, envVars, retryInterval, value,
                extractToday, productsCsv, kafkaTimeout, scheduleRate, log, dataDir);
    }

    public LocalOptions withExtractToday(LocalDate value) {
        return new LocalOptions(inputBucket, outputBucket, stateTable, template, parameterOverrides, envVars, retryInterval, watch,
                value, productsCsv, kafkaTimeout, scheduleRate, log, dataDir);
    }

    public LocalOptions withLog(LocalLog value) {
        return new LocalOptions(inputBucket, outputBucket, stateTable, template, parameterOverrides, envVars, retryInterval, watch,
                extractToday, productsCsv, kafkaTimeout, scheduleRate, value, dataDir);
    }

    public LocalOptions withKafkaTimeout(Duration value) {
        return new LocalOptions(inputBucket, outputBucket, stateTable, template, parameterOverrides, envVars, retryInterval, watch,
                extractToday, productsCsv, value, scheduleRate, log, dataDir);
    }

    public LocalOptions withProductsCsv(Path value) {
        return new LocalOptions(inputBucket, outputBucket, stateTable, template, parameterOverrides, envVars, retryInterval, watch,
                extractToday, value, kafkaTimeout, scheduleRate, log, dataDir);
    }

    public LocalOptions withScheduleRate(Duration value) {
        return new LocalOptions(inputBucket, outputBucket, stateTable, template, parameterOverrides, envVars, retryInterval, watch,
                extractToday, productsCsv, kafkaTimeout, value, log, dataDir);
    }

    public LocalOptions withDataDir(Path value) {
        return new LocalOptions(inputBucket, outputBucket, stateTable, template, parameterOverrides, envVars, retryInterval, watch,
                extractToday, productsCsv, kafkaTimeout, scheduleRate, log, value);
    }
}
