package com.productflow.local.chaos;

import com.productflow.storage.ForwardingObjectStore;
import com.productflow.storage.ObjectLocation;
import com.productflow.storage.ObjectStore;
import com.productflow.storage.ObjectTransfers;
import com.productflow.storage.ObjectUploadStream;
import com.productflow.storage.PartChecksum;
import com.productflow.storage.PendingUpload;
import com.productflow.storage.TransferOptions;
import com.productflow.storage.UploadedPart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Drops a campaign file into the input bucket as a user's SDK would: core's {@link ObjectTransfers} (one PutObject,
 * or a multipart upload above one part, published atomically with its {@code sha256}). {@code partStored} is told
 * each time a part of a multipart upload has been stored, before the upload completes: the moment a kill
 * aimed at an upload waits for.
 *
 * <p>An upload cut by a crash leaves its multipart upload open: the client that started it is the one that knows,
 * and before it uploads the file again it aborts what it left under the file's partial key (in AWS the bucket's
 * lifecycle rule would, days later). What the system itself leaves open is the invariants' business.
 */
public final class Uploader {
    private final ObjectStore store;
    private final ObjectTransfers transfers;
    private final String bucket;

    public Uploader(ObjectStore store, TransferOptions options, String bucket, Runnable partStored) {
        this.store = store;
        this.transfers = new ObjectTransfers(new PartWatch(store, partStored), options);
        this.bucket = bucket;
    }

    /** Uploads {@code file}, after aborting what an earlier, interrupted upload of it left open. */
    public void upload(InputFile file) throws IOException {
        ObjectLocation target = new ObjectLocation(bucket, file.key());
        ObjectLocation partial = ObjectUploadStream.partialKeyFor(target);
        for (PendingUpload left : store.listMultipartUploads(bucket, partial.key())) {
            store.abortMultipart(partial.withKey(left.key()), left.uploadId());
        }
        transfers.upload(new ByteArrayInputStream(file.content()), target, "application/json", Map.of());
    }

    /** Tells {@code partStored} after every stored part. */
    private static final class PartWatch extends ForwardingObjectStore {
        private final Runnable partStored;

        PartWatch(ObjectStore delegate, Runnable partStored) {
            super(delegate);
            this.partStored = partStored;
        }

        @Override
        public UploadedPart uploadPart(ObjectLocation location, String uploadId, int partNumber, byte[] data, int length,
                PartChecksum.Value checksum) {
            UploadedPart part = super.uploadPart(location, uploadId, partNumber, data, length, checksum);
            partStored.run();
            return part;
        }
    }
}
