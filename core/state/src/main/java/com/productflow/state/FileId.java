package com.productflow.state;

import com.productflow.common.BadInputException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity of one uploaded object: bucket, key, and the object's version id when the bucket is
 * versioned, else its ETag. A re-upload of changed content is therefore a new file, and the same upload
 * seen twice (S3 delivers events at least once) is the same file.
 *
 * <p>S3 reports the version id {@code "null"} for objects written while versioning was off or suspended;
 * such an id does not identify content, so it is treated as absent and the ETag is used instead.
 */
public record FileId(String bucket, String key, String versionId, String etag) {
    // S3's rules plus legacy names (upper case, '_'); never '/' or '#', so "bucket/key" is unambiguous
    // and cannot collide with other items (e.g. "watermark#...") in the same table.
    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    private static final int MAX_KEY_BYTES = 1024;

    public FileId {
        validateObject(bucket, key);
        versionId = versionId == null || versionId.isBlank() || versionId.equals("null") ? null : versionId;
        etag = etag == null ? null : stripQuotes(etag);
        if (etag != null && etag.isBlank()) {
            etag = null;
        }
        if (versionId == null && etag == null) {
            throw new BadInputException("s3://" + bucket + "/" + key + " has neither a version id nor an ETag");
        }
    }

    /** Checks a bucket name and key as S3 would accept them; the message names both. */
    public static void validateObject(String bucket, String key) {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        if (!BUCKET.matcher(bucket).matches()) {
            throw new BadInputException("bucket name '" + bucket + "' is not a valid S3 bucket name");
        }
        if (key.isEmpty()) {
            throw new BadInputException("object key is empty (bucket '" + bucket + "')");
        }
        if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new BadInputException("object key in bucket '" + bucket + "' is longer than " + MAX_KEY_BYTES + " bytes");
        }
    }

    public static FileId ofVersion(String bucket, String key, String versionId) {
        return new FileId(bucket, key, versionId, null);
    }

    public static FileId ofEtag(String bucket, String key, String etag) {
        return new FileId(bucket, key, null, etag);
    }

    /** The version id, else the ETag: what names this version to a person (e.g. in {@code supersededBy}). */
    public String versionLabel() {
        return versionId != null ? versionId : etag;
    }

    /** Partition key: {@code <bucket>/<key>}. */
    public String partitionKey() {
        return objectKey(bucket, key);
    }

    /** Sort key: {@code v#<versionId>} for versioned buckets, else {@code e#<etag>}. */
    public String sortKey() {
        return versionId != null ? "v#" + versionId : "e#" + etag;
    }

    /** The partition key of any record of this object, whatever its version. */
    public static String objectKey(String bucket, String key) {
        return bucket + "/" + key;
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key + (versionId != null ? " (version " + versionId + ")" : " (etag " + etag + ")");
    }

    private static String stripQuotes(String etag) {
        String t = etag.strip();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1);
        }
        return t;
    }
}
