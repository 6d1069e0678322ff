package com.productflow.storage;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link ObjectStore} that passes every call to another one. A wrapper (failure injection in tests,
 * timing in the benchmarks) extends it and overrides only the calls it changes.
 */
public abstract class ForwardingObjectStore implements ObjectStore {
    protected final ObjectStore delegate;

    protected ForwardingObjectStore(ObjectStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<ObjectInfo> head(ObjectLocation location, String versionId) {
        return delegate.head(location, versionId);
    }

    @Override
    public InputStream get(ObjectLocation location, String versionId) {
        return delegate.get(location, versionId);
    }

    @Override
    public InputStream getRange(ObjectLocation location, String versionId, long first, long last, String ifMatch) {
        return delegate.getRange(location, versionId, first, last, ifMatch);
    }

    @Override
    public void put(ObjectLocation location, byte[] data, int length, String sha256Base64, Map<String, String> metadata,
            String contentType, WriteCondition condition) {
        delegate.put(location, data, length, sha256Base64, metadata, contentType, condition);
    }

    @Override
    public String startMultipart(ObjectLocation location, Map<String, String> metadata, String contentType,
            PartChecksum partChecksum) {
        return delegate.startMultipart(location, metadata, contentType, partChecksum);
    }

    @Override
    public UploadedPart uploadPart(ObjectLocation location, String uploadId, int partNumber, byte[] data, int length,
            PartChecksum.Value checksum) {
        return delegate.uploadPart(location, uploadId, partNumber, data, length, checksum);
    }

    @Override
    public UploadedPart uploadPartCopy(ObjectLocation source, String ifMatch, long first, long last,
            ObjectLocation target, String uploadId, int partNumber) {
        return delegate.uploadPartCopy(source, ifMatch, first, last, target, uploadId, partNumber);
    }

    @Override
    public void completeMultipart(ObjectLocation location, String uploadId, List<UploadedPart> parts, WriteCondition condition) {
        delegate.completeMultipart(location, uploadId, parts, condition);
    }

    @Override
    public void abortMultipart(ObjectLocation location, String uploadId) {
        delegate.abortMultipart(location, uploadId);
    }

    @Override
    public List<PendingUpload> listMultipartUploads(String bucket, String prefix) {
        return delegate.listMultipartUploads(bucket, prefix);
    }

    @Override
    public void copy(ObjectLocation source, String ifMatch, ObjectLocation target, Map<String, String> metadata,
            String contentType, WriteCondition condition) {
        delegate.copy(source, ifMatch, target, metadata, contentType, condition);
    }

    @Override
    public void delete(ObjectLocation location) {
        delegate.delete(location);
    }

    @Override
    public List<String> list(String bucket, String prefix) {
        return delegate.list(bucket, prefix);
    }

    @Override
    public ObjectListing listPage(String bucket, String prefix, String continuationToken, int maxKeys) {
        return delegate.listPage(bucket, prefix, continuationToken, maxKeys);
    }
}
