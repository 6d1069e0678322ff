package com.productflow.state;

import static com.productflow.common.config.SettingsRegistry.AWS_ENDPOINT_URL_DYNAMODB;
import static com.productflow.common.config.SettingsRegistry.AWS_REGION;
import static com.productflow.common.config.SettingsRegistry.DYNAMODB_ENDPOINT;
import static com.productflow.common.config.SettingsRegistry.STATE_LEASE;
import static com.productflow.common.config.SettingsRegistry.STATE_MAX_ATTEMPTS;
import static com.productflow.common.config.SettingsRegistry.STATE_RETENTION_DAYS;
import static com.productflow.common.config.SettingsRegistry.STATE_TABLE;

import com.productflow.common.config.SettingsSource;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the file state store, validated up front (each error names its key); types, defaults
 * and docs of the keys are in {@code SettingsRegistry}.
 *
 * @param table         {@code STATE_TABLE}: the DynamoDB table (default {@code productflow-files})
 * @param endpoint      {@code AWS_ENDPOINT_URL_DYNAMODB} (the SDK's own variable), else its alias {@code DYNAMODB_ENDPOINT}:
 *                      an endpoint override, e.g. a local dynalite; empty in AWS
 * @param region        {@code AWS_REGION}: empty means the SDK's default chain
 * @param retentionDays {@code STATE_RETENTION_DAYS}: how long COMPLETED records live (the {@code ttl}); default 30
 * @param maxAttempts   {@code STATE_MAX_ATTEMPTS}: attempts before a file is QUARANTINED; default 3
 * @param lease         {@code STATE_LEASE}: how long a claim holds a file; default 15m (Lambda's limit)
 */
public record StateSettings(
        String table, Optional<URI> endpoint, Optional<String> region, int retentionDays, int maxAttempts, Duration lease) {
    public static final String TABLE = STATE_TABLE.key();
    public static final String ENDPOINT = AWS_ENDPOINT_URL_DYNAMODB.key();
    /** The project's older name for {@link #ENDPOINT}, still read when that is unset. */
    public static final String ENDPOINT_ALIAS = DYNAMODB_ENDPOINT.key();
    public static final String REGION = AWS_REGION.key();
    public static final String RETENTION_DAYS = STATE_RETENTION_DAYS.key();
    public static final String MAX_ATTEMPTS = STATE_MAX_ATTEMPTS.key();
    public static final String LEASE = STATE_LEASE.key();
    public static final String DEFAULT_TABLE = STATE_TABLE.defaultValue().orElseThrow();

    public static StateSettings from(SettingsSource settings) {
        return new StateSettings(settings.get(STATE_TABLE), settings.optional(AWS_ENDPOINT_URL_DYNAMODB).or(() -> settings.optional(DYNAMODB_ENDPOINT)), settings.optional(AWS_REGION),
                settings.get(STATE_RETENTION_DAYS), settings.get(STATE_MAX_ATTEMPTS), settings.get(STATE_LEASE));
    }
}
