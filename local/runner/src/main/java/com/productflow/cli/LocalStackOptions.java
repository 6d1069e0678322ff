package com.productflow.cli;

import com.productflow.local.LocalOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The flags of the commands that start the local system (local, invoke, demo). */
final class LocalStackOptions {
    @Option(names = "--input-bucket", paramLabel = "NAME", description = "Input bucket (default: productflow-input, as in events/).")
    String inputBucket;

    @Option(names = "--output-bucket", paramLabel = "NAME", description = "Output bucket for the XML (default: productflow-output).")
    String outputBucket;

    @Option(names = "--output-prefix", paramLabel = "PREFIX", description = "Key prefix of the XML outputs (default: xml/).")
    String outputPrefix;

    @Option(names = "--max-attempts", paramLabel = "N", description = "Attempts per file before it is QUARANTINED (default: 3).")
    Integer maxAttempts;

    @Option(names = "--retry-interval", paramLabel = "DURATION",
            description = "Wait before every state machine retry instead of the definition's backoff, e.g. PT0.1S (default: as defined).")
    Duration retryInterval;

    @Option(names = "--extract-today", paramLabel = "DATE",
            description = "The day the extract's readiness window ends, e.g. 2026-11-25 (EXTRACT_TODAY; default: today, demo: 2026-11-25).")
    java.time.LocalDate extractToday;

    LocalOptions apply(LocalOptions base) {
        LocalOptions o = base;
        if (extractToday != null) {
            o = o.withExtractToday(extractToday);
        }
        if (inputBucket != null || outputBucket != null || outputPrefix != null) {
            o = new LocalOptions(inputBucket == null ? o.inputBucket() : inputBucket,
                    outputBucket == null ? o.outputBucket() : outputBucket,
                    outputPrefix == null ? o.outputPrefix() : outputPrefix, o.topic(), o.stateTable(), o.retryInterval(),
                    o.lease(), o.maxAttempts(), o.pendingGrace(), o.watch(), o.pollInterval(), o.extractToday(), o.productsCsv(),
                    o.kafkaTimeout(), o.log());
        }
        if (maxAttempts != null) {
            o = o.withMaxAttempts(maxAttempts);
        }
        if (retryInterval != null) {
            o = o.withRetryInterval(retryInterval);
        }
        return o;
    }
}
