package com.productflow.pipeline;

import com.productflow.common.io.HashingInputStream;
import com.productflow.state.FileId;
import com.productflow.state.FileRecord;
import com.productflow.state.FileStateStore;
import com.productflow.state.FileStatus;
import com.productflow.state.LatestResult;
import com.productflow.state.Sequencer;
import com.productflow.storage.ObjectChangedException;
import com.productflow.storage.ObjectInfo;
import com.productflow.storage.ObjectLocation;
import com.productflow.storage.ObjectTransfers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Ingest of one uploaded object: stream the registered version once to compute its SHA-256, register
 * the file PENDING with the event's sequencer (idempotent: a duplicate event finds the record already
 * there), order it among the versions of its key (the per-key record; an older version is SUPERSEDED
 * and never started, a newer one supersedes the older records still open) and start process-file
 * under the file's deterministic execution name (idempotent again: a duplicate start starts nothing).
 */
public final class FileIngest {
    private final ObjectTransfers transfers;
    private final FileStateStore state;
    private final ExecutionStarter executions;
    private final int maxAttempts;

    public FileIngest(ObjectTransfers transfers, FileStateStore state, ExecutionStarter executions, int maxAttempts) {
        this.transfers = transfers;
        this.state = state;
        this.executions = executions;
        this.maxAttempts = maxAttempts;
    }

    /** What happened to one object. */
    public sealed interface Outcome {
        FileId file();

        /** Registered (now or earlier) and its execution started (now or earlier). */
        record Started(FileId file, RegisteredFile registered, String executionArn, boolean newExecution)
                implements Outcome {}

        /** Already finished, parked or superseded: nothing to start. */
        record AlreadyDone(FileId file, FileStatus status) implements Outcome {}

        /** The object is gone (deleted or overwritten before we read it): nothing to ingest. */
        record Vanished(FileId file) implements Outcome {}
    }

    public Outcome ingest(FileId file) throws IOException {
        return ingest(file, null);
    }

    /** @param sequencer the S3 event's sequencer, null for a listed object (backfill) */
    public Outcome ingest(FileId file, Sequencer sequencer) throws IOException {
        Optional<FileRecord> existing = state.get(file);
        if (existing.isEmpty()) {
            Optional<Registration> read = read(file);
            if (read.isEmpty()) {
                return new Outcome.Vanished(file);
            }
            existing = Optional.of(state.register(file, read.get().sha256(), read.get().bytes(), maxAttempts, sequencer).record());
        }
        FileRecord record = existing.get();
        // Ordered every time, not only when registered: a retried event must finish what a crash interrupted.
        Sequencer order = record.sequencer() != null ? record.sequencer() : sequencer;
        if (state.recordLatest(file, order) instanceof LatestResult.Older older && order != null) {
            state.supersede(file, older.latest().version());
            return new Outcome.AlreadyDone(file, FileStatus.SUPERSEDED);
        }
        if (order != null) {
            supersedeOlder(file, order);
        }
        record = state.get(file).orElse(record);
        if (record.status() == FileStatus.COMPLETED || record.status() == FileStatus.QUARANTINED
                || record.status() == FileStatus.SUPERSEDED) {
            return new Outcome.AlreadyDone(file, record.status());
        }
        RegisteredFile registered = RegisteredFile.of(record);
        ExecutionStarter.Started started = executions.start(ExecutionNames.forFile(file), PipelineJson.write(registered));
        return new Outcome.Started(file, registered, started.executionArn(), started.started());
    }

    /**
     * The other records of the key that are still open (not COMPLETED or SUPERSEDED) and older than
     * {@code order} become SUPERSEDED by {@code file}; those without a sequencer (listed) too, since an
     * event-ordered version is newer than any listed one.
     */
    private void supersedeOlder(FileId file, Sequencer order) {
        for (FileRecord other : state.findObject(file.bucket(), file.key())) {
            boolean open = other.status() != FileStatus.COMPLETED && other.status() != FileStatus.SUPERSEDED;
            boolean older = other.sequencer() == null || order.isNewerThan(other.sequencer());
            if (open && older && !other.id().equals(file)) {
                state.supersede(other.id(), file.versionLabel());
            }
        }
    }

    private record Registration(String sha256, long bytes) {}

    /**
     * The registered version's checksum: that version id where the bucket has versions, else the
     * current object only if it still has the event's ETag (another upload's bytes must not be recorded
     * under this one's identity; that upload has its own event). Empty when it is gone.
     */
    private Optional<Registration> read(FileId file) throws IOException {
        ObjectLocation location = new ObjectLocation(file.bucket(), file.key());
        Optional<ObjectInfo> info = transfers.store().head(location, file.versionId());
        if (info.isEmpty() || (file.versionId() == null && !sameEtag(file.etag(), info.get().eTag()))) {
            return Optional.empty();
        }
        try (InputStream raw = transfers.open(location, info.get()); HashingInputStream in = new HashingInputStream(raw)) {
            in.transferTo(OutputStream.nullOutputStream());
            return Optional.of(new Registration(in.sha256(), in.count()));
        } catch (ObjectChangedException overwritten) {
            return Optional.empty(); // overwritten while hashing (no versions to pin the read to)
        }
    }

    private static boolean sameEtag(String expected, String actual) {
        return expected == null || actual == null || expected.equals(actual.replace("\"", ""));
    }
}
