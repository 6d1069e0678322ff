package com.productflow.storage;

import com.productflow.common.ProductflowException;
import com.productflow.common.concurrent.Handoff;
import com.productflow.common.concurrent.Threads;
import com.productflow.common.io.Sha256;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An output stream that uploads what is written to it as an S3 object, while it is written, with
 * bounded memory, and publishes the object only on {@link #commit}. Closing without a commit
 * discards everything: no object, no partial object, no dangling multipart upload.
 *
 * <h2>How</h2>
 * Bytes fill part buffers ({@link TransferOptions#partSize()}); each full buffer is uploaded as one
 * part by a pool of {@link TransferOptions#parallelism()} threads, with a checksum the server
 * verifies ({@link TransferOptions#partChecksum()}, CRC32C by default). At most {@code parallelism}
 * buffers exist (the one being filled included); uploaded ones come back through a {@link Handoff}
 * and the writer waits there while all are in flight. The first part that fails stops that hand-off,
 * so the writer fails at once instead of waiting. A failed part is retried alone ({@link TransferOptions#partAttempts()}).
 * The SHA-256 of the whole output is the writer's to compute (the converter does it as it writes,
 * {@link ObjectTransfers#upload} as it reads): it is given to {@link #commit}, never computed twice.
 *
 * <h2>Why a partial key and a copy</h2>
 * The object must carry its SHA-256 as user metadata ({@code sha256}), but S3 takes metadata only
 * when a multipart upload starts, and the hash is known only at the end. So:
 * <ul>
 *   <li>an output smaller than one part is sent with one PutObject straight to the final key, with
 *       its metadata: no copy;</li>
 *   <li>a larger output is uploaded as a multipart upload to a <em>partial key</em> next to the final
 *       one ({@code <key>.productflow-partial}), completed, then copied server-side to the final key
 *       with metadata REPLACE (one CopyObject, or parallel UploadPartCopy above
 *       {@link TransferOptions#multipartCopyThreshold()}; CopyObject stops at 5 GiB), then deleted.</li>
 * </ul>
 * The final key thus appears once, complete, with its metadata; readers never see it half written
 * or without its checksum. The copy is server-side (no bytes through this process). The partial key
 * is deterministic, so a re-run overwrites rather than accumulates, and the run that publishes aborts the uploads
 * a crashed run left open on the partial and final keys; the copy is conditional on the
 * partial object's entity tag, so two runs racing on the same output cannot publish a mix.
 * Alternatives rejected: tagging or a second metadata write after completion (the object would be
 * visible without its checksum for a moment), converting twice to learn the hash first (twice the
 * CPU and input reads).
 *
 * <p>Not thread-safe: one writer thread.
 */
public final class ObjectUploadStream extends OutputStream {
    /** Suffix of the partial key a multipart output is assembled under before publication. */
    public static final String PARTIAL_SUFFIX = ".productflow-partial";

    private enum State { OPEN, COMMITTED, ABORTED }

    private final ObjectStore store;
    private final ObjectLocation target;
    private final ObjectLocation partial;
    private final TransferOptions options;
    private final String contentType;
    /** Buffers back from finished parts; stopped with the first part failure (or a discard). */
    private final Handoff<byte[]> freeBuffers;
    private final List<Future<UploadedPart>> parts = new ArrayList<>();
    private final AtomicInteger partAttemptsMade = new AtomicInteger();
    private ExecutorService workers;
    private int buffersAllocated;
    private byte[] buffer;
    private int position;
    private long count;
    private int partNumber;
    private String uploadId;
    private boolean partialCompleted;
    private State state = State.OPEN;

    public ObjectUploadStream(ObjectStore store, ObjectLocation target, TransferOptions options, String contentType) {
        this.store = store;
        this.target = target;
        this.partial = partialKeyFor(target);
        this.options = options;
        this.contentType = contentType;
        this.freeBuffers = new Handoff<>(options.parallelism());
    }

    /** Where a multipart output is assembled before it is copied to {@code target}. */
    public static ObjectLocation partialKeyFor(ObjectLocation target) {
        String key = target.key() + PARTIAL_SUFFIX;
        if (key.getBytes(StandardCharsets.UTF_8).length > ObjectLocation.MAX_KEY_BYTES) {
            key = PARTIAL_SUFFIX.substring(1) + "/" + Sha256.of(target.key().getBytes(StandardCharsets.UTF_8));
        }
        return target.withKey(key);
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (buffer == null) {
            buffer = takeBuffer();
        }
        buffer[position++] = (byte) b;
        count++;
        if (position == buffer.length) {
            sendFullBuffer();
        }
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        ensureOpen();
        count += length;
        while (length > 0) {
            if (buffer == null) {
                buffer = takeBuffer();
            }
            int n = Math.min(length, buffer.length - position);
            System.arraycopy(data, offset, buffer, position, n);
            position += n;
            offset += n;
            length -= n;
            if (position == buffer.length) {
                sendFullBuffer();
            }
        }
    }

    /** Bytes written so far. */
    public long count() {
        return count;
    }

    /** Part uploads tried so far, retries included (for tests and diagnostics). */
    public int partAttemptsMade() {
        return partAttemptsMade.get();
    }

    /**
     * Uploads what is left, publishes the object at its final key with user metadata {@code sha256}
     * ({@code writtenSha256}, the writer's SHA-256 in hex of everything it wrote) plus {@code metadata},
     * and returns it. On failure nothing is published and everything uploaded so far is discarded.
     */
    public StoredObject commit(Map<String, String> metadata, String writtenSha256) throws IOException {
        return commit(metadata, writtenSha256, WriteCondition.NONE);
    }

    /**
     * As {@link #commit(Map, String)}, publishing
     * only if the final key still satisfies {@code condition} when the object appears there: the
     * PutObject, CopyObject or CompleteMultipartUpload that writes the final key carries it. Refused, it
     * is a {@link ConditionalWriteException} and nothing is published (the partial key is cleaned up).
     */
    public StoredObject commit(Map<String, String> metadata, String writtenSha256, WriteCondition condition) throws IOException {
        ensureOpen();
        String sha256 = Sha256.normalize(writtenSha256)
                .orElseThrow(() -> new IllegalArgumentException("not a SHA-256: " + writtenSha256));
        return publish(metadata, sha256, condition);
    }

    private StoredObject publish(Map<String, String> metadata, String sha256, WriteCondition condition) throws IOException {
        Map<String, String> allMetadata = new HashMap<>(metadata);
        allMetadata.put(ObjectInfo.SHA256_METADATA, sha256);
        try {
            if (uploadId == null) {
                // Smaller than one part: one PutObject with the metadata, no partial key.
                byte[] data = buffer == null ? new byte[0] : buffer;
                store.put(target, data, position, Checksums.hexToBase64(sha256), allMetadata, contentType, condition);
                state = State.COMMITTED;
                return new StoredObject(target, count, sha256, 1);
            }
            if (position > 0) {
                submit(buffer, position);
                buffer = null;
            }
            List<UploadedPart> done = awaitParts();
            store.completeMultipart(partial, uploadId, done);
            partialCompleted = true;
            String partialTag = store.head(partial)
                    .orElseThrow(() -> new ObjectStoreException("completed upload vanished: " + partial)).eTag();
            copyToTarget(partialTag, allMetadata, condition);
            state = State.COMMITTED;
            deleteQuietly(partial);
            abortEarlierUploadsQuietly();
            return new StoredObject(target, count, sha256, done.size());
        } catch (IOException | RuntimeException | Error e) {
            discard(e);
            throw e;
        } finally {
            shutdownWorkers();
        }
    }

    /** Discards the upload unless committed: no object appears and no multipart upload is left. */
    @Override
    public void close() {
        if (state == State.OPEN) {
            discard(null);
        }
        shutdownWorkers();
    }

    private void sendFullBuffer() throws IOException {
        submit(buffer, position);
        buffer = null;
        position = 0;
    }

    private void submit(byte[] data, int length) throws IOException {
        throwIfPartFailed();
        if (uploadId == null) {
            uploadId = store.startMultipart(partial, Map.of(), contentType, options.partChecksum());
        }
        if (partNumber == TransferOptions.MAX_PARTS) {
            throw new ObjectStoreException("output to " + target + " needs more than " + TransferOptions.MAX_PARTS
                    + " parts of " + options.partSize() + " bytes; raise S3_PART_SIZE");
        }
        int number = ++partNumber;
        parts.add(workers().submit(() -> uploadPart(number, data, length)));
    }

    private UploadedPart uploadPart(int number, byte[] data, int length) {
        try {
            PartChecksum.Value checksum = options.partChecksum().of(data, length);
            RuntimeException last = null;
            for (int attempt = 1; attempt <= options.partAttempts(); attempt++) {
                if (freeBuffers.failure() != null) {
                    throw new ObjectStoreException("part " + number + " not sent: another part failed");
                }
                partAttemptsMade.incrementAndGet();
                try {
                    return store.uploadPart(partial, uploadId, number, data, length, checksum);
                } catch (UploadGoneException e) {
                    throw e; // the upload itself is gone: retrying this part cannot help
                } catch (RuntimeException e) {
                    last = e;
                    if (attempt < options.partAttempts()) {
                        sleepBeforeRetry(attempt);
                    }
                }
            }
            throw new ObjectStoreException("part " + number + " of " + target + " failed after "
                    + options.partAttempts() + " attempts: " + last.getMessage(), last);
        } catch (RuntimeException e) {
            freeBuffers.stop(e);
            throw e;
        } finally {
            freeBuffers.offer(data);
        }
    }

    private static void sleepBeforeRetry(int attempt) {
        try {
            Thread.sleep(Math.min(2_000L, 100L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ObjectStoreException("interrupted while retrying a part");
        }
    }

    /** A buffer: a new one while fewer than {@code parallelism} exist, else one a finished part gave back. */
    private byte[] takeBuffer() throws IOException {
        byte[] free = freeBuffers.poll();
        if (free != null) {
            return free;
        }
        if (buffersAllocated < options.parallelism()) {
            buffersAllocated++;
            return new byte[options.partSize()];
        }
        try {
            free = freeBuffers.take();
            if (free == null) {
                throwIfPartFailed();
                throw new ObjectStoreException("upload to " + target + " was discarded");
            }
            return free;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a part upload");
        }
    }

    private List<UploadedPart> awaitParts() throws IOException {
        List<UploadedPart> done = new ArrayList<>(parts.size());
        for (Future<UploadedPart> part : parts) {
            try {
                done.add(part.get());
            } catch (ExecutionException e) {
                throw asRuntime(freeBuffers.failure() != null ? freeBuffers.failure() : e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for part uploads");
            }
        }
        done.sort(Comparator.comparingInt(UploadedPart::partNumber));
        return done;
    }

    /** Copies the completed partial object to the final key with the metadata. */
    private void copyToTarget(String partialTag, Map<String, String> metadata, WriteCondition condition) throws IOException {
        // A conditional publication goes through CompleteMultipartUpload, whose If-Match/If-None-Match AWS
        // has enforced since 2024 and s3proxy and moto enforce too; CopyObject's destination conditions
        // are newer (2025) and neither local server checks them.
        if (count <= options.multipartCopyThreshold() && condition.isNone()) {
            store.copy(partial, partialTag, target, metadata, contentType, condition);
            return;
        }
        String copyId = store.startMultipart(target, metadata, contentType, options.partChecksum());
        try {
            long partBytes = Math.max(options.copyPartSize(), (count + TransferOptions.MAX_PARTS - 1) / TransferOptions.MAX_PARTS);
            List<Future<UploadedPart>> copies = new ArrayList<>();
            int number = 0;
            for (long first = 0; first < count; first += partBytes) {
                long last = Math.min(count, first + partBytes) - 1;
                int n = ++number;
                long from = first;
                copies.add(workers().submit(() -> store.uploadPartCopy(partial, partialTag, from, last, target, copyId, n)));
            }
            List<UploadedPart> done = new ArrayList<>();
            for (Future<UploadedPart> copy : copies) {
                try {
                    done.add(copy.get());
                } catch (ExecutionException e) {
                    copies.forEach(f -> f.cancel(true));
                    throw asRuntime(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while copying parts");
                }
            }
            store.completeMultipart(target, copyId, done, condition);
        } catch (IOException | RuntimeException e) {
            abortQuietly(target, copyId, e);
            throw e;
        }
    }

    /** Undoes whatever exists: aborts the upload, deletes a completed partial object. */
    private void discard(Throwable cause) {
        state = State.ABORTED;
        freeBuffers.stop(cause != null ? cause : new ObjectStoreException("upload discarded"));
        parts.forEach(f -> f.cancel(true));
        shutdownWorkers();
        if (uploadId != null && !partialCompleted) {
            abortQuietly(partial, uploadId, cause);
        }
        if (partialCompleted) {
            deleteQuietly(partial);
        }
    }

    /**
     * Aborts the multipart uploads still open on this output's partial or final key once it is published: a run
     * that crashed or timed out writing the same output cannot abort its own, and without this they would stay
     * until the bucket's lifecycle rule. A writer still alive there (a run that lost its lease, an older version
     * of the input) gets {@link UploadGoneException}, which is retried, and cannot publish over this one anyway.
     * Best effort: the output is published whatever happens here.
     */
    private void abortEarlierUploadsQuietly() {
        Set<String> keys = Set.of(partial.key(), target.key());
        List<String> prefixes = partial.key().startsWith(target.key()) ? List.of(target.key()) : List.of(target.key(), partial.key());
        try {
            for (String prefix : prefixes) {
                for (PendingUpload left : store.listMultipartUploads(target.bucket(), prefix)) {
                    if (keys.contains(left.key())) {
                        store.abortMultipart(target.withKey(left.key()), left.uploadId());
                    }
                }
            }
        } catch (RuntimeException ignored) {
            // What is missed here the bucket's AbortIncompleteMultipartUpload rule removes.
        }
    }

    private void abortQuietly(ObjectLocation location, String id, Throwable cause) {
        try {
            store.abortMultipart(location, id);
        } catch (RuntimeException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }

    private void deleteQuietly(ObjectLocation location) {
        try {
            store.delete(location);
        } catch (RuntimeException ignored) {
            // A leftover partial object is harmless (overwritten by the next run); the result stands.
        }
    }

    private ExecutorService workers() {
        if (workers == null) {
            workers = Threads.pool("s3-upload", options.parallelism());
        }
        return workers;
    }

    private void shutdownWorkers() {
        if (workers != null) {
            // Lets aborted part requests unwind before AbortMultipartUpload races them.
            Threads.stop(workers, Duration.ofSeconds(30));
        }
    }

    private void throwIfPartFailed() {
        Throwable failure = freeBuffers.failure();
        if (failure != null) {
            throw asRuntime(failure);
        }
    }

    private void ensureOpen() throws IOException {
        if (state != State.OPEN) {
            throw new IOException("upload to " + target + " is already " + state.name().toLowerCase());
        }
    }

    private static RuntimeException asRuntime(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new ProductflowException("upload failed: " + t, t);
    }
}
