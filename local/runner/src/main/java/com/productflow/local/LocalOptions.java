package com.productflow.local;

import com.productflow.common.config.Setting;
import com.productflow.common.config.SettingsRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;

/**
 * How to start the local system. Defaults match the sample events ({@code events/*.json} name the bucket
 * {@code productflow-input}) and the template's settings.
 *
 * @param retryInterval local only: a fixed wait before every state machine retry instead of the
 *                      definition's backoff (tests); null keeps the definition's timing
 * @param lease         how long a convert claim holds a file (STATE_LEASE)
 * @param maxAttempts   attempts per file before it is QUARANTINED (STATE_MAX_ATTEMPTS)
 * @param pendingGrace  how old a PENDING record must be before redrive restarts it (REDRIVE_PENDING_AFTER)
 * @param watch         whether puts into the input bucket fire IngestFunction
 * @param pollInterval  how often the bucket watcher lists the input bucket
 * @param extractToday  the day the extract's "days back" window ends (null = today)
 * @param productsCsv   the products CSV loaded into SQLite, the extract's source (null = an empty database)
 * @param kafkaTimeout  how long the extract waits for the broker before it is KafkaUnavailable
 */
public record LocalOptions(String inputBucket, String outputBucket, String outputPrefix, String topic, String stateTable,
                           Duration retryInterval, Duration lease, int maxAttempts, Duration pendingGrace,
                           boolean watch, Duration pollInterval, LocalDate extractToday, java.nio.file.Path productsCsv,
                           Duration kafkaTimeout, LocalLog log) {
    public LocalOptions {
        Objects.requireNonNull(inputBucket, "inputBucket");
        Objects.requireNonNull(outputBucket, "outputBucket");
        Objects.requireNonNull(log, "log");
        outputPrefix = outputPrefix == null ? "" : outputPrefix;
    }

    /** The buckets of events/*.json; every setting's value is the registry's default. */
    public static LocalOptions defaults() {
        return new LocalOptions("productflow-input", "productflow-output", defaultOf(SettingsRegistry.OUTPUT_PREFIX),
                defaultOf(SettingsRegistry.KAFKA_TOPIC), defaultOf(SettingsRegistry.STATE_TABLE), null,
                defaultOf(SettingsRegistry.STATE_LEASE), defaultOf(SettingsRegistry.STATE_MAX_ATTEMPTS),
                defaultOf(SettingsRegistry.REDRIVE_PENDING_AFTER), true, Duration.ofMillis(200), null,
                SampleFiles.samplesFolder().resolve("products.csv"), Duration.ofSeconds(10), LocalLog.stderr());
    }

    private static <T> T defaultOf(Setting<T> setting) {
        return setting.defaultValue().orElseThrow();
    }

    public LocalOptions withRetryInterval(Duration interval) {
        return new LocalOptions(inputBucket, outputBucket, outputPrefix, topic, stateTable, interval, lease, maxAttempts,
                pendingGrace, watch, pollInterval, extractToday, productsCsv, kafkaTimeout, log);
    }

    public LocalOptions withLease(Duration value) {
        return new LocalOptions(inputBucket, outputBucket, outputPrefix, topic, stateTable, retryInterval, value, maxAttempts,
                pendingGrace, watch, pollInterval, extractToday, productsCsv, kafkaTimeout, log);
    }

    public LocalOptions withMaxAttempts(int value) {
        return new LocalOptions(inputBucket, outputBucket, outputPrefix, topic, stateTable, retryInterval, lease, value,
                pendingGrace, watch, pollInterval, extractToday, productsCsv, kafkaTimeout, log);
    }

    public LocalOptions withWatch(boolean value) {
        return new LocalOptions(inputBucket, outputBucket, outputPrefix, topic, stateTable, retryInterval, lease, maxAttempts,
                pendingGrace, value, pollInterval, extractToday, productsCsv, kafkaTimeout, log);
    }

    public LocalOptions withExtractToday(LocalDate value) {
        return new LocalOptions(inputBucket, outputBucket, outputPrefix, topic, stateTable, retryInterval, lease, maxAttempts,
                pendingGrace, watch, pollInterval, value, productsCsv, kafkaTimeout, log);
    }

    public LocalOptions withLog(LocalLog value) {
        return new LocalOptions(inputBucket, outputBucket, outputPrefix, topic, stateTable, retryInterval, lease, maxAttempts,
                pendingGrace, watch, pollInterval, extractToday, productsCsv, kafkaTimeout, value);
    }

    public LocalOptions withKafkaTimeout(Duration value) {
        return new LocalOptions(inputBucket, outputBucket, outputPrefix, topic, stateTable, retryInterval, lease, maxAttempts,
                pendingGrace, watch, pollInterval, extractToday, productsCsv, value, log);
    }

    public LocalOptions withProductsCsv(java.nio.file.Path value) {
        return new LocalOptions(inputBucket, outputBucket, outputPrefix, topic, stateTable, retryInterval, lease, maxAttempts,
                pendingGrace, watch, pollInterval, extractToday, value, kafkaTimeout, log);
    }
}
