package com.productflow.storage;

import static com.productflow.common.config.SettingsRegistry.AWS_ENDPOINT_URL_S3;
import static com.productflow.common.config.SettingsRegistry.S3_ACCESS_KEY_ID;
import static com.productflow.common.config.SettingsRegistry.S3_CHUNKED_ENCODING;
import static com.productflow.common.config.SettingsRegistry.S3_COMPAT;
import static com.productflow.common.config.SettingsRegistry.S3_ENDPOINT;
import static com.productflow.common.config.SettingsRegistry.S3_EXPECT_CONTINUE;
import static com.productflow.common.config.SettingsRegistry.S3_PARALLELISM;
import static com.productflow.common.config.SettingsRegistry.S3_PART_ATTEMPTS;
import static com.productflow.common.config.SettingsRegistry.S3_PART_CHECKSUM;
import static com.productflow.common.config.SettingsRegistry.S3_PART_SIZE;
import static com.productflow.common.config.SettingsRegistry.S3_PATH_STYLE;
import static com.productflow.common.config.SettingsRegistry.S3_REGION;
import static com.productflow.common.config.SettingsRegistry.S3_SECRET_ACCESS_KEY;

import com.productflow.common.config.SettingsSource;
import java.net.URI;
import java.util.Optional;

/**
 * S3 client and transfer settings, read and validated up front from a {@link SettingsSource}: the
 * {@code S3_*} keys and {@code AWS_ENDPOINT_URL_S3} (the SDK's own variable; {@code S3_ENDPOINT} is an
 * alias, read when it is unset), whose types, defaults and docs are in {@code SettingsRegistry}.
 * S3_COMPAT defaults to true exactly when an endpoint is set, and the single switches default from it.
 * Reads always use byte ranges, never {@code ?partNumber=} (which s3proxy and others reject), so
 * that compatibility switch needs no setting.
 */
public record S3Settings(
        Optional<URI> endpoint,
        Optional<String> region,
        boolean pathStyle,
        boolean expectContinue,
        boolean chunkedEncoding,
        Optional<StaticCredentials> credentials,
        TransferOptions transfer) {

    /** Static credentials for a non-AWS server; {@link #toString()} never shows the secret. */
    public record StaticCredentials(String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "StaticCredentials[" + accessKeyId + ", ***]";
        }
    }

    /** The endpoint override, named as the AWS SDK names it for S3. */
    public static final String ENDPOINT = AWS_ENDPOINT_URL_S3.key();
    /** The project's older name for {@link #ENDPOINT}, still read when that is unset. */
    public static final String ENDPOINT_ALIAS = S3_ENDPOINT.key();

    public static S3Settings from(SettingsSource settings) {
        Optional<URI> endpoint = settings.optional(AWS_ENDPOINT_URL_S3).or(() -> settings.optional(S3_ENDPOINT));
        boolean compat = settings.optional(S3_COMPAT).orElse(endpoint.isPresent());
        Optional<StaticCredentials> credentials = Optional.empty();
        Optional<String> keyId = settings.optional(S3_ACCESS_KEY_ID);
        Optional<String> secret = settings.optional(S3_SECRET_ACCESS_KEY);
        if (keyId.isPresent() != secret.isPresent()) {
            throw settings.invalid(keyId.isPresent() ? S3_SECRET_ACCESS_KEY : S3_ACCESS_KEY_ID,
                    "must be set together with " + (keyId.isPresent() ? S3_ACCESS_KEY_ID : S3_SECRET_ACCESS_KEY).key());
        }
        if (keyId.isPresent()) {
            credentials = Optional.of(new StaticCredentials(keyId.get(), secret.get()));
        }
        TransferOptions transfer = TransferOptions.defaults()
                .withPartSize(settings.get(S3_PART_SIZE).intValue())
                .withParallelism(settings.get(S3_PARALLELISM))
                .withPartAttempts(settings.get(S3_PART_ATTEMPTS))
                .withPartChecksum(settings.choice(S3_PART_CHECKSUM, PartChecksum.class));
        return new S3Settings(
                endpoint,
                settings.optional(S3_REGION),
                settings.optional(S3_PATH_STYLE).orElse(compat),
                settings.optional(S3_EXPECT_CONTINUE).orElse(!compat),
                settings.optional(S3_CHUNKED_ENCODING).orElse(!compat),
                credentials,
                transfer);
    }

    /** True when every compatibility switch is on (what S3_COMPAT=true gives). */
    public boolean compatible() {
        return pathStyle && !expectContinue && !chunkedEncoding;
    }
}
