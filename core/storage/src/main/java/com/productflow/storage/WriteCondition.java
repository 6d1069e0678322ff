package com.productflow.storage;

/**
 * S3's conditional write on the key being written: {@code If-Match: <etag>} (only if the key still holds
 * that object), {@code If-None-Match: *} (only if the key holds nothing), or none. AWS S3 checks it
 * atomically on PutObject, CompleteMultipartUpload and CopyObject (the destination's
 * {@code If-Match}/{@code If-None-Match}; CopyObject's {@code x-amz-copy-source-if-*} headers are
 * about its source) and answers 412 Precondition Failed (or 409 ConditionalRequestConflict for a
 * concurrent conflicting write); CreateMultipartUpload, UploadPart and UploadPartCopy take no
 * condition. Servers that ignore the headers (s3proxy) write unconditionally: see core/storage/README.md.
 */
public record WriteCondition(String ifMatch, boolean ifNoneMatch) {
    public static final WriteCondition NONE = new WriteCondition(null, false);

    public WriteCondition {
        if (ifMatch != null && ifNoneMatch) {
            throw new IllegalArgumentException("a write is conditional on one of If-Match or If-None-Match, not both");
        }
    }

    /** Only if the key still holds the object with this entity tag. */
    public static WriteCondition ifMatch(String eTag) {
        return new WriteCondition(java.util.Objects.requireNonNull(eTag, "eTag"), false);
    }

    /** Only if the key holds no object. */
    public static WriteCondition ifAbsent() {
        return new WriteCondition(null, true);
    }

    /** The condition that the key still holds what a HEAD just saw: {@code info} or, if empty, nothing. */
    public static WriteCondition unchangedSince(java.util.Optional<ObjectInfo> info) {
        return info.map(i -> ifMatch(i.eTag())).orElseGet(WriteCondition::ifAbsent);
    }

    public boolean isNone() {
        return ifMatch == null && !ifNoneMatch;
    }

    /** The {@code If-None-Match} header's value, or null. */
    public String ifNoneMatchHeader() {
        return ifNoneMatch ? "*" : null;
    }

    @Override
    public String toString() {
        return ifMatch != null ? "If-Match " + ifMatch : ifNoneMatch ? "If-None-Match *" : "unconditional";
    }
}
