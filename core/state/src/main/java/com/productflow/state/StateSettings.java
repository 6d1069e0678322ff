package com.productflow.state;

import com.productflow.common.config.SettingsSource;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Settings of the file state store, validated up front (each error names its key).
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
    public static final String TABLE = "STATE_TABLE";
    public static final String ENDPOINT = "AWS_ENDPOINT_URL_DYNAMODB";
    /** The project's older name for {@link #ENDPOINT}, still read when that is unset. */
    public static final String ENDPOINT_ALIAS = "DYNAMODB_ENDPOINT";
    public static final String REGION = "AWS_REGION";
    public static final String RETENTION_DAYS = "STATE_RETENTION_DAYS";
    public static final String MAX_ATTEMPTS = "STATE_MAX_ATTEMPTS";
    public static final String LEASE = "STATE_LEASE";
    public static final String DEFAULT_TABLE = "productflow-files";

    // DynamoDB's table-name rule.
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
    private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+-\\d+");

    public static StateSettings from(SettingsSource settings) {
        String table = settings.string(TABLE, DEFAULT_TABLE);
        if (!TABLE_NAME.matcher(table).matches()) {
            throw settings.invalid(TABLE, "must be 3-255 characters of letters, digits, '_', '-' or '.', got '" + table + "'");
        }
        String endpointKey = settings.optional(ENDPOINT).isPresent() ? ENDPOINT : ENDPOINT_ALIAS;
        Optional<URI> endpoint = settings.optional(endpointKey).map(raw -> endpoint(settings, endpointKey, raw));
        Optional<String> region = settings.optional(REGION);
        if (region.isPresent() && !REGION_NAME.matcher(region.get()).matches()) {
            throw settings.invalid(REGION, "must be a region name like eu-west-1, got '" + region.get() + "'");
        }
        int retention = settings.integer(RETENTION_DAYS, 30, 1, 3650);
        int maxAttempts = settings.integer(MAX_ATTEMPTS, 3, 1, 100);
        Duration lease = settings.duration(LEASE, Duration.ofMinutes(15));
        if (lease.isNegative() || lease.isZero() || lease.compareTo(Duration.ofHours(24)) > 0) {
            throw settings.invalid(LEASE, "must be more than 0 and at most 24h, got '" + settings.optional(LEASE).orElse("") + "'");
        }
        return new StateSettings(table, endpoint, region, retention, maxAttempts, lease);
    }

    private static URI endpoint(SettingsSource settings, String key, String raw) {
        URI uri;
        try {
            uri = URI.create(raw);
        } catch (IllegalArgumentException e) {
            throw settings.invalid(key, "is not a URL: '" + raw + "'");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw settings.invalid(key, "must be an http(s) URL like http://127.0.0.1:8000, got '" + raw + "'");
        }
        return uri;
    }
}
