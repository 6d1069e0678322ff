package com.productflow.cli;

import com.productflow.common.config.SettingsSource;
import com.productflow.storage.S3Settings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The S3 flags shared by the S3 commands; they override S3_* settings from .env and the environment. */
final class S3Options {
    @Mixin
    SettingFlags flags;

    @Option(names = "--endpoint", descriptionKey = "AWS_ENDPOINT_URL_S3", paramLabel = "URL",
            description = "An S3-compatible server instead of AWS (setting AWS_ENDPOINT_URL_S3).")
    String endpoint;

    @Option(names = "--s3-compat", descriptionKey = "S3_COMPAT", arity = "0..1", paramLabel = "true|false", fallbackValue = "true",
            description = "All compatibility switches for non-AWS servers: path-style, no Expect: 100-continue,"
                    + " checksums in headers (setting S3_COMPAT; default: on exactly when an endpoint is given).")
    Boolean compat;

    @Option(names = "--part-size", descriptionKey = "S3_PART_SIZE", paramLabel = "SIZE", description = "Part and range size, e.g. 8MiB (setting S3_PART_SIZE).")
    String partSize;

    @Option(names = "--parallelism", descriptionKey = "S3_PARALLELISM", paramLabel = "N", description = "Parts in flight (setting S3_PARALLELISM).")
    Integer parallelism;

    /** The standard settings (.env, environment) with these flags on top. */
    SettingsSource settings() {
        return flags.settings(LocalDiscovery.Service.S3);
    }

    S3Settings s3Settings(SettingsSource settings) {
        return S3Settings.from(settings);
    }
}
