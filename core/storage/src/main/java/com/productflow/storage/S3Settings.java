package com.productflow.storage;

import com.productflow.common.config.SettingsSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * S3 client and transfer settings, read and validated up front from a {@link SettingsSource}.
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><td>AWS_ENDPOINT_URL_S3</td><td>URL of an S3-compatible server (the SDK's own variable; {@code S3_ENDPOINT}
 *     is an alias, read when it is unset); unset = AWS</td></tr>
 * <tr><td>S3_REGION</td><td>signing region; unset = the SDK's region chain (AWS_REGION, profile, …),
 *     or us-east-1 with an endpoint</td></tr>
 * <tr><td>S3_COMPAT</td><td>turns on every compatibility switch below; default true exactly when
 *     S3_ENDPOINT is set</td></tr>
 * <tr><td>S3_PATH_STYLE</td><td>path-style URLs (bucket in the path); default = S3_COMPAT</td></tr>
 * <tr><td>S3_EXPECT_CONTINUE</td><td>send {@code Expect: 100-continue} on uploads; default = not S3_COMPAT
 *     (some servers answer it in ways clients misread as a final status)</td></tr>
 * <tr><td>S3_CHUNKED_ENCODING</td><td>aws-chunked bodies (checksums as trailers); default = not S3_COMPAT.
 *     Off, checksums travel as headers, which servers like s3proxy store and check</td></tr>
 * <tr><td>S3_PART_SIZE</td><td>part and range size, 5 MiB..1 GiB, default 8 MiB</td></tr>
 * <tr><td>S3_PARALLELISM</td><td>parts/ranges in flight, 1..64, default 6</td></tr>
 * <tr><td>S3_PART_ATTEMPTS</td><td>tries per part, 1..10, default 3</td></tr>
 * <tr><td>S3_PART_CHECKSUM</td><td>flexible checksum each part carries for the server to verify:
 *     CRC32C (default), CRC32 or SHA256 (see {@link PartChecksum} for when SHA256 is worth its cost)</td></tr>
 * <tr><td>S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY</td><td>static credentials for a non-AWS server only;
 *     unset = the SDK's default credential chain (environment, profile, container/instance role)</td></tr>
 * </table>
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
    public static final String ENDPOINT = "AWS_ENDPOINT_URL_S3";
    /** The project's older name for {@link #ENDPOINT}, still read when that is unset. */
    public static final String ENDPOINT_ALIAS = "S3_ENDPOINT";

    public static S3Settings from(SettingsSource settings) {
        String endpointKey = settings.optional(ENDPOINT).isPresent() ? ENDPOINT : ENDPOINT_ALIAS;
        Optional<URI> endpoint = settings.optional(endpointKey).map(text -> endpoint(settings, endpointKey, text));
        boolean compat = settings.bool("S3_COMPAT", endpoint.isPresent());
        Optional<StaticCredentials> credentials = Optional.empty();
        Optional<String> keyId = settings.optional("S3_ACCESS_KEY_ID");
        Optional<String> secret = settings.optional("S3_SECRET_ACCESS_KEY");
        if (keyId.isPresent() != secret.isPresent()) {
            throw settings.invalid(keyId.isPresent() ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID",
                    "must be set together with " + (keyId.isPresent() ? "S3_ACCESS_KEY_ID" : "S3_SECRET_ACCESS_KEY"));
        }
        if (keyId.isPresent()) {
            credentials = Optional.of(new StaticCredentials(keyId.get(), secret.get()));
        }
        int partSize = (int) settings.bytes("S3_PART_SIZE", TransferOptions.DEFAULT_PART_SIZE,
                TransferOptions.MIN_PART_SIZE, 1L << 30);
        int parallelism = settings.integer("S3_PARALLELISM", TransferOptions.DEFAULT_PARALLELISM, 1, 64);
        int attempts = settings.integer("S3_PART_ATTEMPTS", TransferOptions.DEFAULT_PART_ATTEMPTS, 1, 10);
        PartChecksum partChecksum = settings.choice("S3_PART_CHECKSUM", PartChecksum.class,
                TransferOptions.DEFAULT_PART_CHECKSUM);
        TransferOptions transfer = TransferOptions.defaults().withPartSize(partSize).withParallelism(parallelism)
                .withPartAttempts(attempts).withPartChecksum(partChecksum);
        return new S3Settings(
                endpoint,
                settings.optional("S3_REGION"),
                settings.bool("S3_PATH_STYLE", compat),
                settings.bool("S3_EXPECT_CONTINUE", !compat),
                settings.bool("S3_CHUNKED_ENCODING", !compat),
                credentials,
                transfer);
    }

    private static URI endpoint(SettingsSource settings, String key, String text) {
        try {
            URI uri = new URI(text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw settings.invalid(key, "must be an http:// or https:// URL, got '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw settings.invalid(key, "is not a URL: '" + text + "'");
        }
    }

    /** True when every compatibility switch is on (what S3_COMPAT=true gives). */
    public boolean compatible() {
        return pathStyle && !expectContinue && !chunkedEncoding;
    }
}
