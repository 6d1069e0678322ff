package com.productflow.cli;

import com.productflow.local.LocalOptions;
import com.productflow.template.ParameterOverrides;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The flags of the commands that start the local system (local, invoke, demo): SAM's own
 * ({@code --template}, {@code --parameter-overrides}, {@code --env-vars}) plus what only the local run has.
 */
final class LocalStackOptions {
    @Option(names = {"-t", "--template"}, paramLabel = "FILE", description = "The SAM template (default: template.yaml).")
    Path template;

    @Option(names = "--parameter-overrides", paramLabel = "KEY=VALUE", arity = "1..*",
            description = "Template parameters, as in 'sam local': Key=Value words (what terraform/sam-overrides.sh prints)"
                    + " or ParameterKey=Key,ParameterValue=Value.")
    List<String> parameterOverrides;

    @Option(names = "--env-vars", paramLabel = "FILE",
            description = "Function environment variables in SAM's --env-vars JSON ({\"Parameters\": {...}, \"<Function>\": {...});"
                    + " only variables the template declares are used (default: local/env.json).")
    Path envVars;

    @Option(names = "--input-bucket", paramLabel = "NAME",
            description = "Local name of the template's own InputBucket (default: productflow-input, as in events/).")
    String inputBucket;

    @Option(names = "--output-bucket", paramLabel = "NAME",
            description = "Local name of the template's own OutputBucket (default: productflow-output).")
    String outputBucket;

    @Option(names = "--schedule-rate", paramLabel = "DURATION",
            description = "Run the template's schedules (RedriveFunction's rate(15 minutes)) at this rate instead, e.g. PT30S.")
    Duration scheduleRate;

    @Option(names = "--retry-interval", paramLabel = "DURATION",
            description = "Wait before every state machine retry instead of the definition's backoff, e.g. PT0.1S (default: as defined).")
    Duration retryInterval;

    @Option(names = "--extract-today", paramLabel = "DATE",
            description = "The day the extract's readiness window ends, e.g. 2026-11-25 (EXTRACT_TODAY; default: today, demo: 2026-11-25).")
    java.time.LocalDate extractToday;

    LocalOptions apply(LocalOptions base) {
        LocalOptions o = base;
        if (template != null) {
            o = o.withTemplate(template);
        }
        if (parameterOverrides != null) {
            o = o.withParameterOverrides(ParameterOverrides.parse(parameterOverrides));
        }
        if (envVars != null) {
            o = o.withEnvVars(envVars);
        }
        if (inputBucket != null || outputBucket != null) {
            o = o.withBuckets(inputBucket == null ? o.inputBucket() : inputBucket, outputBucket == null ? o.outputBucket() : outputBucket);
        }
        if (extractToday != null) {
            o = o.withExtractToday(extractToday);
        }
        if (scheduleRate != null) {
            o = o.withScheduleRate(scheduleRate);
        }
        if (retryInterval != null) {
            o = o.withRetryInterval(retryInterval);
        }
        return o;
    }
}
