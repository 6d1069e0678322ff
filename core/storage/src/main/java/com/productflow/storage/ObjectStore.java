package com.productflow.storage;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The object-store port: the few S3 primitives productflow builds its transfers on. The transfer
 * logic (part buffering, parallelism, retries, checksums, atomic publication) lives in this package
 * on top of the port, so it is the same for every adapter and can be tested with a wrapper that
 * injects failures. Implementations are thread-safe: parts are uploaded from several threads.
 *
 * <p>Errors: {@link ObjectNotFoundException} for a missing bucket/object, {@link ObjectStoreException}
 * for everything else.
 */
public interface ObjectStore {
    /**
     * Size, entity tag, version id (versioned buckets) and user metadata of the current object, or of
     * version {@code versionId} when not null; empty when it does not exist.
     */
    Optional<ObjectInfo> head(ObjectLocation location, String versionId);

    default Optional<ObjectInfo> head(ObjectLocation location) {
        return head(location, null);
    }

    /** The whole object (version {@code versionId} when not null) as one stream (one GET). The caller closes it. */
    InputStream get(ObjectLocation location, String versionId);

    default InputStream get(ObjectLocation location) {
        return get(location, null);
    }

    /**
     * Bytes {@code first..last} (inclusive) of the object (version {@code versionId} when not null),
     * only if its entity tag is still {@code ifMatch} (so a concurrent overwrite fails the read
     * instead of mixing two versions).
     */
    InputStream getRange(ObjectLocation location, String versionId, long first, long last, String ifMatch);

    default InputStream getRange(ObjectLocation location, long first, long last, String ifMatch) {
        return getRange(location, null, first, last, ifMatch);
    }

    /**
     * Writes a whole object in one request; {@code sha256Base64} is the body's checksum, checked by the
     * server; {@code condition} refused is a {@link ConditionalWriteException}.
     */
    void put(ObjectLocation location, byte[] data, int length, String sha256Base64, Map<String, String> metadata, String contentType,
            WriteCondition condition);

    default void put(ObjectLocation location, byte[] data, int length, String sha256Base64, Map<String, String> metadata,
            String contentType) {
        put(location, data, length, sha256Base64, metadata, contentType, WriteCondition.NONE);
    }

    /** Starts a multipart upload whose parts will carry {@code partChecksum} checksums; returns its upload id. */
    String startMultipart(ObjectLocation location, Map<String, String> metadata, String contentType, PartChecksum partChecksum);

    /** Uploads one part (1..10000); {@code checksum} is the part's checksum, checked by the server. */
    UploadedPart uploadPart(ObjectLocation location, String uploadId, int partNumber, byte[] data, int length,
            PartChecksum.Value checksum);

    /** Server-side copy of bytes {@code first..last} of {@code source} (at entity tag {@code ifMatch}) as one part. */
    UploadedPart uploadPartCopy(ObjectLocation source, String ifMatch, long first, long last,
            ObjectLocation target, String uploadId, int partNumber);

    /** Assembles the parts (in part-number order); the object appears only now, if {@code condition} holds. */
    void completeMultipart(ObjectLocation location, String uploadId, List<UploadedPart> parts, WriteCondition condition);

    default void completeMultipart(ObjectLocation location, String uploadId, List<UploadedPart> parts) {
        completeMultipart(location, uploadId, parts, WriteCondition.NONE);
    }

    /** Discards an upload and its parts. Aborting an unknown upload is not an error. */
    void abortMultipart(ObjectLocation location, String uploadId);

    /** Uploads started under {@code prefix} in {@code bucket} and neither completed nor aborted. */
    List<PendingUpload> listMultipartUploads(String bucket, String prefix);

    /**
     * Server-side copy of a whole object (up to 5 GiB) with its metadata replaced. {@code ifMatch} is
     * about the source (it must still be that object); {@code condition} is about the target key.
     */
    void copy(ObjectLocation source, String ifMatch, ObjectLocation target, Map<String, String> metadata, String contentType,
            WriteCondition condition);

    default void copy(ObjectLocation source, String ifMatch, ObjectLocation target, Map<String, String> metadata,
            String contentType) {
        copy(source, ifMatch, target, metadata, contentType, WriteCondition.NONE);
    }

    /** Deletes an object; deleting a missing object is not an error. */
    void delete(ObjectLocation location);

    /** Keys under a prefix (all pages). */
    List<String> list(String bucket, String prefix);

    /** One page of at most {@code maxKeys} objects under a prefix; {@code continuationToken} null for the first. */
    ObjectListing listPage(String bucket, String prefix, String continuationToken, int maxKeys);
}
