package com.productflow.storage;

import com.productflow.common.BadInputException;
import com.productflow.common.io.HashingInputStream;
import com.productflow.common.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Streaming, parallel, SHA-256-checked transfers on an {@link ObjectStore}: open an object for
 * reading (parallel ranged GETs when it is big enough), write one from a stream or a file (parallel
 * multipart, published atomically with its {@code sha256} metadata), download one into a folder,
 * and verify one against its stored checksum.
 */
public final class ObjectTransfers {
    private static final int COPY_BUFFER = 64 * 1024;
    private final ObjectStore store;
    private final TransferOptions options;

    public ObjectTransfers(ObjectStore store, TransferOptions options) {
        this.store = store;
        this.options = options;
    }

    public ObjectStore store() {
        return store;
    }

    public TransferOptions options() {
        return options;
    }

    /** Size, tag and metadata of an object that must exist. */
    public ObjectInfo require(ObjectLocation location) {
        return store.head(location).orElseThrow(() -> new ObjectNotFoundException(location));
    }

    /**
     * The object's bytes: one GET when it fits in one part (or parallelism is 1), else parallel
     * ranged GETs pinned to the entity tag seen in {@code info}.
     */
    public InputStream open(ObjectLocation location, ObjectInfo info) {
        if (info.size() <= options.partSize() || options.parallelism() == 1) {
            return store.get(location);
        }
        return new RangedObjectInputStream(store, location, info, options);
    }

    /** A stream that uploads to {@code target}; call {@code commit} to publish, close alone to discard. */
    public ObjectUploadStream create(ObjectLocation target, String contentType) {
        return new ObjectUploadStream(store, target, options, contentType);
    }

    /** Uploads everything {@code in} yields to {@code target}, with its SHA-256 (computed as it is read) as metadata. */
    public StoredObject upload(InputStream in, ObjectLocation target, String contentType, Map<String, String> metadata)
            throws IOException {
        try (HashingInputStream hashing = new HashingInputStream(in); ObjectUploadStream out = create(target, contentType)) {
            hashing.transferTo(out);
            return out.commit(metadata, hashing.sha256());
        }
    }

    /** Uploads a local file (parallel multipart above one part). Fails if the file changes meanwhile. */
    public StoredObject uploadFile(Path file, ObjectLocation target, String contentType) throws IOException {
        long size = Files.size(file);
        try (HashingInputStream in = new HashingInputStream(Files.newInputStream(file));
                ObjectUploadStream out = create(target, contentType)) {
            byte[] buffer = new byte[COPY_BUFFER];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
            if (out.count() != size) {
                throw new ObjectStoreException("file " + file + " changed while uploading (" + size + " bytes before, "
                        + out.count() + " read); nothing was published");
            }
            return out.commit(Map.of(), in.sha256());
        }
    }

    /**
     * Downloads an object into {@code folder} under its key (checked by {@link SafeLocalPath}),
     * through a temporary file renamed into place only after the SHA-256 matched the stored one.
     * Returns the file.
     */
    public Path downloadFile(ObjectLocation location, Path folder) throws IOException {
        Path file = SafeLocalPath.prepare(folder, location.key());
        ObjectInfo info = require(location);
        Path temp = Files.createTempFile(file.getParent(), ".download-", ".part");
        try {
            String actual;
            try (HashingInputStream in = new HashingInputStream(open(location, info));
                    OutputStream out = Files.newOutputStream(temp)) {
                in.transferTo(out);
                if (in.count() != info.size()) {
                    throw new ObjectStoreException(location + ": got " + in.count() + " bytes, expected " + info.size());
                }
                actual = in.sha256();
            }
            if (info.sha256().isPresent() && !info.sha256().get().equals(actual)) {
                throw new BadInputException(location + ": SHA-256 mismatch: stored " + info.sha256().get()
                        + ", downloaded " + actual + "; file not written");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Re-reads an object and recomputes its SHA-256; compare with {@link VerifyResult#matches()}. */
    public VerifyResult verify(ObjectLocation location) throws IOException {
        ObjectInfo info = require(location);
        try (HashingInputStream in = new HashingInputStream(open(location, info))) {
            in.transferTo(OutputStream.nullOutputStream());
            if (in.count() != info.size()) {
                throw new ObjectStoreException(location + ": read " + in.count() + " bytes, expected " + info.size());
            }
            return new VerifyResult(location, in.count(), info.sha256().flatMap(Sha256::normalize), in.sha256());
        }
    }
}
