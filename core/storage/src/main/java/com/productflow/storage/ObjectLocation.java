package com.productflow.storage;

import com.productflow.common.BadInputException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A bucket and a key. The key is data, not a path: it is kept byte for byte (no normalisation of
 * {@code ..}, {@code //} or {@code %}), and anything that turns it into a local file name goes
 * through {@link SafeLocalPath}.
 */
public record ObjectLocation(String bucket, String key) {
    /** S3's rules for new buckets: 3-63 of a-z 0-9 . -, starting and ending with a letter or digit. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    /** S3 limits keys to 1024 bytes of UTF-8. */
    public static final int MAX_KEY_BYTES = 1024;

    public ObjectLocation {
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new BadInputException("invalid bucket name '" + bucket
                    + "': use 3-63 characters a-z, 0-9, '.', '-', starting and ending with a letter or digit");
        }
        if (key == null || key.isEmpty()) {
            throw new BadInputException("empty object key in bucket '" + bucket + "'");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new BadInputException("object key longer than " + MAX_KEY_BYTES + " bytes of UTF-8 in bucket '" + bucket + "'");
        }
        if (key.indexOf('\0') >= 0) {
            throw new BadInputException("object key contains a NUL character in bucket '" + bucket + "'");
        }
    }

    /**
     * Parses {@code s3://bucket/key}. Everything after the first '/' following the bucket is the key,
     * taken literally (no percent-decoding), so {@code s3://b/a%20b} names the key {@code a%20b}.
     */
    public static ObjectLocation parse(String uri) {
        if (uri == null || !uri.startsWith("s3://")) {
            throw new BadInputException("not an S3 URI (expected s3://bucket/key): '" + uri + "'");
        }
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new BadInputException("S3 URI needs a bucket and a key (s3://bucket/key): '" + uri + "'");
        }
        return new ObjectLocation(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** The same bucket, another key. */
    public ObjectLocation withKey(String otherKey) {
        return new ObjectLocation(bucket, otherKey);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
