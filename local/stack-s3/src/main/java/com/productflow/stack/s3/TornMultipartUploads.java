package com.productflow.stack.s3;

import java.util.ArrayList;
import java.util.List;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;

/**
 * Removes the multipart uploads a crash left half-recorded in s3proxy's file-system store, before the server
 * starts on it again.
 *
 * <p>s3proxy records an open upload twice, in two writes: its store's own stub (what ListMultipartUploads
 * lists) and the front end's {@code .s3proxy-mpu-stub-<uploadId>} (what AbortMultipartUpload and
 * CompleteMultipartUpload require, answering {@code NoSuchUpload} without it). A process killed between the two
 * writes of a CreateMultipartUpload, or of an AbortMultipartUpload (which deletes the front end's stub first),
 * leaves an upload that is listed forever and can be neither completed nor aborted through the S3 API. Real S3
 * has no such state (it is not killed mid-request), so nothing is lost by removing it: no client can ever
 * use that upload again.
 */
final class TornMultipartUploads {
    /** The front end's record of an open upload (s3proxy 4.x's reserved prefix; hidden from listings). */
    static final String FRONT_END_STUB_PREFIX = ".s3proxy-mpu-stub-";

    private TornMultipartUploads() {
    }

    /** Aborts, in the store itself, every listed upload the front end has no record of; returns them. */
    static List<String> remove(BlobStore store) {
        List<String> removed = new ArrayList<>();
        for (var bucket : store.list().buckets()) {
            for (var upload : store.listMultipartUploads(bucket.name())) {
                if (store.blobExists(bucket.name(), FRONT_END_STUB_PREFIX + upload.uploadId())) {
                    continue;
                }
                store.abortMultipartUpload(new MultipartUpload(upload.uploadId(),
                        CreateMultipartUploadRequest.builder().bucket(bucket.name()).key(upload.key()).build()));
                removed.add("s3://" + bucket.name() + "/" + upload.key() + " (upload " + upload.uploadId() + ")");
            }
        }
        return removed;
    }
}
