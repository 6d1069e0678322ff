package com.productflow.storage;

import java.util.Map;
import java.util.Optional;

/**
 * What a HEAD tells about an object: its size, entity tag, version id (null when the bucket is not
 * versioned, or for S3's {@code "null"} version) and user metadata (keys lowercase). Reads opened from
 * it are pinned to that version ({@link ObjectTransfers#open}).
 */
public record ObjectInfo(long size, String eTag, String versionId, Map<String, String> metadata) {
    /** The user metadata key holding the hex SHA-256 of the whole object. */
    public static final String SHA256_METADATA = "sha256";

    public ObjectInfo {
        metadata = Map.copyOf(metadata);
        versionId = versionId == null || versionId.isBlank() || versionId.equals("null") ? null : versionId;
    }

    public ObjectInfo(long size, String eTag, Map<String, String> metadata) {
        this(size, eTag, null, metadata);
    }

    /** The SHA-256 stored by productflow at write time, if any. */
    public Optional<String> sha256() {
        return Optional.ofNullable(metadata.get(SHA256_METADATA));
    }
}
