package com.productflow.pipeline;

import com.productflow.common.io.HashingInputStream;
import com.productflow.state.FileId;
import com.productflow.state.FileRecord;
import com.productflow.state.FileStateStore;
import com.productflow.state.FileStatus;
import com.productflow.state.RegisterResult;
import com.productflow.storage.ObjectInfo;
import com.productflow.storage.ObjectLocation;
import com.productflow.storage.ObjectTransfers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Ingest of one uploaded object: stream it once to compute its SHA-256, register the file PENDING
 * (idempotent: a duplicate event finds the record already there) and start process-file under the
 * file's deterministic execution name (idempotent again: a duplicate start starts nothing).
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

        /** Already finished or parked: nothing to start. */
        record AlreadyDone(FileId file, FileStatus status) implements Outcome {}

        /** The object is gone (deleted or overwritten before we read it): nothing to ingest. */
        record Vanished(FileId file) implements Outcome {}
    }

    public Outcome ingest(FileId file) throws IOException {
        Optional<FileRecord> existing = state.get(file);
        if (existing.isEmpty()) {
            ObjectLocation location = new ObjectLocation(file.bucket(), file.key());
            Optional<ObjectInfo> info = transfers.store().head(location);
            // The event's ETag pins the content it announced: if the key now holds other bytes (an
            // overwrite since), hashing them would record another upload's checksum under this one's
            // identity; that upload has its own event and record.
            if (info.isEmpty() || !sameEtag(file.etag(), info.get().eTag())) {
                return new Outcome.Vanished(file);
            }
            String sha256;
            long bytes;
            try (InputStream raw = transfers.open(location, info.get()); HashingInputStream in = new HashingInputStream(raw)) {
                in.transferTo(OutputStream.nullOutputStream());
                sha256 = in.sha256();
                bytes = in.count();
            }
            RegisterResult registered = state.register(file, sha256, bytes, maxAttempts);
            existing = Optional.of(registered.record());
        }
        FileRecord record = existing.get();
        if (record.status() == FileStatus.COMPLETED || record.status() == FileStatus.QUARANTINED) {
            return new Outcome.AlreadyDone(file, record.status());
        }
        RegisteredFile registered = RegisteredFile.of(record);
        ExecutionStarter.Started started = executions.start(ExecutionNames.forFile(file), PipelineJson.write(registered));
        return new Outcome.Started(file, registered, started.executionArn(), started.started());
    }

    private static boolean sameEtag(String expected, String actual) {
        return expected == null || actual == null || expected.equals(actual.replace("\"", ""));
    }
}
