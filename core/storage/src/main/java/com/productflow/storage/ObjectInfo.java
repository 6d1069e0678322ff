package com.productflow.storage;

import java.util.Map;
import java.util.Optional;

/** What a HEAD tells about an object: its size, entity tag and user metadata (keys lowercase). */
public record ObjectInfo(long size, String eTag, Map<String, String> metadata) {
    /** The user metadata key holding the hex SHA-256 of the whole object. */
    public static final String SHA256_METADATA = "sha256";

    public ObjectInfo {
        metadata = Map.copyOf(metadata);
    }

    /** The SHA-256 stored by productflow at write time, if any. */
    public Optional<String> sha256() {
        return Optional.ofNullable(metadata.get(SHA256_METADATA));
    }
}
