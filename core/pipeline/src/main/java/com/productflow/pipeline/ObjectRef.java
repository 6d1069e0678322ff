package com.productflow.pipeline;

import com.productflow.common.BadInputException;
import com.productflow.state.FileId;
import java.util.Objects;

/**
 * One S3 object as events name it: bucket, key (decoded, exactly as stored), and its identity — the
 * version id when the bucket is versioned, else the ETag (without quotes). {@code size} is -1 if unknown.
 */
public record ObjectRef(String bucket, String key, String versionId, String etag, long size) {
    public ObjectRef {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        if (bucket.isEmpty() || key.isEmpty()) {
            throw new BadInputException("an S3 object needs a bucket and a key, got '" + bucket + "' / '" + key + "'");
        }
        versionId = blankToNull(versionId);
        etag = etag == null ? null : blankToNull(etag.replace("\"", ""));
    }

    /** The file this object is in the state table; {@link BadInputException} if it has no identity or an invalid name. */
    public FileId fileId() {
        return new FileId(bucket, key, versionId, etag);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
