package com.productflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.productflow.common.config.SettingsRegistry;
import com.productflow.common.config.SettingsSource;
import com.productflow.local.LocalStackFile;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of a command that talks to S3, DynamoDB, Step Functions, Lambda or Kafka: the standard layers
 * (.env, environment, flags) and, for each service with no endpoint given there, the endpoint of the live local
 * stack in {@code .productflow/local.json} (written by {@code productflow local}). Saying so on stderr, so a
 * command never talks to the local stack without the user knowing.
 */
final class LocalDiscovery {
    /** A service, the setting keys that give its endpoint, and what the local stack fills in. */
    enum Service {
        S3("S3_ENDPOINT", "AWS_ENDPOINT_URL_S3"),
        DYNAMODB("DYNAMODB_ENDPOINT", "AWS_ENDPOINT_URL_DYNAMODB"),
        STEPFUNCTIONS("AWS_ENDPOINT_URL_SFN"),
        LAMBDA("AWS_ENDPOINT_URL_LAMBDA"),
        KAFKA("KAFKA_BOOTSTRAP_SERVERS");

        final List<String> keys;

        Service(String... keys) {
            this.keys = List.of(keys);
        }
    }

    static final String LAYER = ".productflow/local.json";

    private LocalDiscovery() {}

    static SettingsSource standard(Map<String, String> flags, Service... services) {
        return withLocalStack(SettingsSource.standard(flags), LocalStackFile.inWorkingFolder(), System.err, services);
    }

    /** {@code settings} with the local stack's endpoints for the services that have none. */
    static SettingsSource withLocalStack(SettingsSource settings, LocalStackFile file, PrintStream err, Service... services) {
        List<Service> missing = new ArrayList<>();
        Map<String, String> fromAws = new HashMap<>();
        for (Service s : services) {
            Optional<String> aws = s.keys.size() > 1 ? value(settings, s.keys.get(1)) : Optional.empty();
            if (value(settings, s.keys.get(0)).isPresent()) {
                continue;
            }
            if (aws.isPresent()) {
                // AWS_ENDPOINT_URL_S3 (e.g. from `productflow env`) is this tool's S3_ENDPOINT too.
                fromAws.put(s.keys.get(0), aws.get());
            } else {
                missing.add(s);
            }
        }
        SettingsSource given = fromAws.isEmpty() ? settings
                : SettingsSource.builder().layer(settings).layer("environment (AWS_ENDPOINT_URL_*)", fromAws).build();
        if (missing.isEmpty()) {
            return given;
        }
        Optional<JsonNode> live = file.live();
        if (live.isEmpty()) {
            if (file.stale()) {
                err.println("productflow: ignoring " + file.path() + ": the local stack that wrote it is no longer running");
            }
            return given;
        }
        JsonNode stack = live.get();
        Map<String, String> values = new HashMap<>();
        Map<String, String> said = new LinkedHashMap<>();
        for (Service s : missing) {
            switch (s) {
                case S3 -> {
                    values.put("S3_ENDPOINT", stack.path("s3").asText());
                    values.put("S3_ACCESS_KEY_ID", stack.path("accessKey").asText());
                    values.put("S3_SECRET_ACCESS_KEY", stack.path("secretKey").asText());
                    said.put("s3", stack.path("s3").asText());
                }
                case DYNAMODB -> {
                    values.put("DYNAMODB_ENDPOINT", stack.path("dynamodb").asText());
                    values.put("STATE_TABLE", stack.path("stateTable").asText());
                    said.put("dynamodb", stack.path("dynamodb").asText());
                }
                case STEPFUNCTIONS -> {
                    values.put("AWS_ENDPOINT_URL_SFN", stack.path("stepfunctions").asText());
                    said.put("stepfunctions", stack.path("stepfunctions").asText());
                }
                case LAMBDA -> {
                    values.put("AWS_ENDPOINT_URL_LAMBDA", stack.path("lambda").asText());
                    said.put("lambda", stack.path("lambda").asText());
                }
                case KAFKA -> {
                    values.put("KAFKA_BOOTSTRAP_SERVERS", stack.path("kafka").asText());
                    values.put("KAFKA_TOPIC", stack.path("topic").asText());
                    said.put("kafka", stack.path("kafka").asText());
                }
            }
        }
        if (value(given, "AWS_REGION").isEmpty()) {
            values.put("AWS_REGION", stack.path("region").asText());
        }
        // Under the standard layers: a table or topic set in .env or the environment still wins.
        Map<String, String> kept = new HashMap<>(values);
        kept.keySet().removeIf(k -> value(given, k).isPresent());
        err.println("productflow: no endpoint given; using the local stack in " + file.path() + " (pid "
                + stack.path("pid").asLong() + "): " + said);
        return SettingsSource.builder().layer(given).layer(LAYER, kept).build();
    }

    /** The value of registry key {@code key} set in some layer (validated), as text. */
    private static Optional<String> value(SettingsSource settings, String key) {
        return settings.optional(SettingsRegistry.setting(key)).map(String::valueOf);
    }
}
