package com.productflow.pipeline;

import com.productflow.common.BadInputException;
import com.productflow.state.FileId;
import com.productflow.state.Sequencer;
import java.util.Objects;

/**
 * One S3 object as events name it: bucket, key (decoded, exactly as stored), and its identity — the
 * version id when the bucket is versioned, else the ETag (without quotes). {@code size} is -1 if unknown.
 * {@code sequencer} is the event's order of this write among the key's writes (null from a listing).
 */
public record ObjectRef(String bucket, String key, String versionId, String etag, long size, String sequencer) {
    public ObjectRef {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        if (bucket.isEmpty() || key.isEmpty()) {
            throw new BadInputException("an S3 object needs a bucket and a key, got '" + bucket + "' / '" + key + "'");
        }
        versionId = blankToNull(versionId);
        etag = etag == null ? null : blankToNull(etag.replace("\"", ""));
        sequencer = blankToNull(sequencer);
    }

    /** Without a sequencer: a listed object, or a hand-written event. */
    public ObjectRef(String bucket, String key, String versionId, String etag, long size) {
        this(bucket, key, versionId, etag, size, null);
    }

    /** The event's sequencer; {@link BadInputException} if it is not hexadecimal. */
    public Sequencer order() {
        return Sequencer.ofNullable(sequencer);
    }

    /** The file this object is in the state table; {@link BadInputException} if it has no identity or an invalid name. */
    public FileId fileId() {
        return new FileId(bucket, key, versionId, etag);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
