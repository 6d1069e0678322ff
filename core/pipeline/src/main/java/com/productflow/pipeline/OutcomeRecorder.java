package com.productflow.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.productflow.common.BadInputException;
import com.productflow.state.ClaimResult;
import com.productflow.state.CompleteResult;
import com.productflow.state.FailResult;
import com.productflow.state.FileError;
import com.productflow.state.FileId;
import com.productflow.state.FileOutputs;
import com.productflow.state.FileRecord;
import com.productflow.state.FileStateStore;
import com.productflow.state.FileStatus;
import com.productflow.state.LatestVersion;
import com.productflow.state.SupersedeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * The last task of process-file: writes the file's outcome. COMPLETED (outputs and counts) only by the
 * execution that holds the lease; FAILED (or QUARANTINED once the attempts are spent, or at once for
 * bad input) with the cause; SUPERSEDED when a newer version of the key is registered.
 * A failure that struck before the convert task claimed the file still costs an attempt: the recorder
 * claims it for this execution first, so the failure is recorded and redrive can retry it.
 * Idempotent: a retry of this task after a lost response finds the outcome already written.
 */
public final class OutcomeRecorder {
    private static final Duration SHORT_LEASE = Duration.ofMinutes(1);
    private final FileStateStore state;

    public OutcomeRecorder(FileStateStore state) {
        this.state = state;
    }

    /**
     * Error names (statemachine/README.md) of failures another attempt cannot fix: the input itself is
     * bad (malformed or empty JSON, a checksum mismatch with no newer version). Such a file is
     * QUARANTINED at once with its reason; every other failure keeps its attempts.
     */
    static final java.util.Set<String> PERMANENT_ERRORS = java.util.Set.of("com.productflow.functions.InvalidInput");

    /** What was written, as {@code status} (the record's status afterwards) and whether this call wrote it. */
    public record Recorded(FileStatus status, boolean written, String message) {
        /**
         * The CloudWatch metric this outcome counts in, if it was written by this call: FilesFailed and
         * FilesQuarantined are alarmed (template.yaml); a SUPERSEDED file counts in FilesSuperseded, which
         * is not, since nothing is wrong with it.
         */
        public Optional<String> metric() {
            if (!written || status == null) {
                return Optional.empty();
            }
            return switch (status) {
                case COMPLETED -> Optional.of("FilesCompleted");
                case FAILED -> Optional.of("FilesFailed");
                case QUARANTINED -> Optional.of("FilesQuarantined");
                case SUPERSEDED -> Optional.of("FilesSuperseded");
                case PENDING, IN_PROGRESS -> Optional.empty();
            };
        }
    }

    /**
     * Records the outcome the task's input names (contract in statemachine/README.md):
     * {@code {outcome: COMPLETED, file, executionId, outputs: {convert, extract}}} or
     * {@code {outcome: FAILED, file, executionId, error, cause}}, where {@code error} is the error name and
     * {@code cause} the Lambda error document as a JSON string, or free text. Another shape is
     * {@link BadInputException}.
     */
    public Recorded record(JsonNode input, Instant now) {
        if (input == null || !input.hasNonNull("file") || !input.hasNonNull("executionId") || !input.hasNonNull("outcome")) {
            throw new BadInputException("record-outcome expects {\"outcome\", \"file\", \"executionId\", ...}");
        }
        RegisteredFile file;
        try {
            file = PipelineJson.MAPPER.treeToValue(input.get("file"), RegisteredFile.class);
        } catch (JsonProcessingException e) {
            throw new BadInputException("record-outcome: 'file' is not a registered file: " + e.getOriginalMessage(), e);
        }
        String executionId = input.get("executionId").asText();
        MDC.put("bucket", file.bucket());
        MDC.put("key", file.key());
        MDC.put("executionId", executionId);
        String outcome = input.get("outcome").asText();
        switch (outcome) {
            case "COMPLETED" -> {
                JsonNode convert = input.path("outputs").path("convert");
                if (convert.hasNonNull("supersededBy")) {
                    return superseded(file.fileId(), convert.get("supersededBy").asText());
                }
                JsonNode extract = input.path("outputs").path("extract");
                return completed(file.fileId(), executionId, outputs(convert, extract));
            }
            case "FAILED" -> {
                return failed(file.fileId(), executionId, input.path("error").asText("States.Runtime"),
                        message(input.path("cause").asText("")), now);
            }
            default -> throw new BadInputException("outcome must be COMPLETED or FAILED, got '" + outcome + "'");
        }
    }

    /** The convert task's outputs (XML, Parquet, or both: {@link FileConversionJob.Result}) and the extract's count. */
    private static FileOutputs outputs(JsonNode convert, JsonNode extract) {
        try {
            return new FileOutputs(text(convert, "outputKey"), text(convert, "outputSha256"), convert.path("records").asLong(),
                    extract.path("published").asLong(0), text(convert, "parquetKey"), text(convert, "parquetSha256"),
                    number(convert, "parquetRows"), number(convert, "parquetBytes"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BadInputException("record-outcome: outputs.convert names no complete output: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Long number(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asLong() : null;
    }

    /** The Lambda error document's errorMessage when the cause is one, else the cause as given. */
    static String message(String cause) {
        if (cause.startsWith("{")) {
            try {
                JsonNode document = PipelineJson.MAPPER.readTree(cause);
                if (document.hasNonNull("errorMessage")) {
                    return document.get("errorMessage").asText();
                }
            } catch (JsonProcessingException notJson) {
                // fall through: keep the raw cause
            }
        }
        return cause;
    }

    public Recorded completed(FileId id, String executionId, FileOutputs outputs) {
        Optional<FileRecord> current = state.get(id);
        if (current.isEmpty()) {
            return new Recorded(null, false, id + " is not registered");
        }
        FileRecord record = current.get();
        if (record.status() == FileStatus.COMPLETED) {
            return new Recorded(FileStatus.COMPLETED, false, "already COMPLETED");
        }
        if (record.status() != FileStatus.IN_PROGRESS || !executionId.equals(record.leaseOwner())) {
            return new Recorded(record.status(), false, "lease lost: " + id + " is " + record.status() + " held by " + record.leaseOwner());
        }
        CompleteResult result = state.complete(id, executionId, record.version(), outputs);
        if (result instanceof CompleteResult.LeaseLost lost) {
            return new Recorded(lost.current() == null ? null : lost.current().status(), false, lost.message());
        }
        return new Recorded(FileStatus.COMPLETED, true, "COMPLETED");
    }

    /** The convert task found a newer version of the key: the file is SUPERSEDED (it normally is already). */
    public Recorded superseded(FileId id, String by) {
        SupersedeResult result = state.supersede(id, by);
        if (result instanceof SupersedeResult.Superseded done) {
            return new Recorded(FileStatus.SUPERSEDED, true, "SUPERSEDED by " + by);
        }
        FileRecord current = ((SupersedeResult.Unchanged) result).current();
        return new Recorded(current == null ? null : current.status(), false, ((SupersedeResult.Unchanged) result).message());
    }

    public Recorded failed(FileId id, String executionId, String errorType, String message, Instant at) {
        Optional<FileRecord> current = state.get(id);
        if (current.isEmpty()) {
            return new Recorded(null, false, id + " is not registered");
        }
        FileRecord record = current.get();
        Optional<LatestVersion> latest = state.latest(id.bucket(), id.key());
        if (latest.isPresent() && latest.get().sequencer() != null
                && (record.sequencer() == null || latest.get().sequencer().isNewerThan(record.sequencer()))) {
            // A newer version of the key is registered: this one's failure does not matter any more.
            return superseded(id, latest.get().version());
        }
        long version = record.version();
        boolean ours = record.status() == FileStatus.IN_PROGRESS && executionId.equals(record.leaseOwner());
        if (!ours) {
            if (record.status() != FileStatus.PENDING && record.status() != FileStatus.FAILED
                    && !(record.status() == FileStatus.IN_PROGRESS && record.leaseExpired(at))) {
                return new Recorded(record.status(), false, "not recorded: " + id + " is " + record.status()
                        + (record.leaseOwner() == null ? "" : " held by " + record.leaseOwner()));
            }
            ClaimResult claim = state.claim(id, executionId, SHORT_LEASE, executionId);
            if (!(claim instanceof ClaimResult.Claimed claimed)) {
                ClaimResult.NotClaimable refused = (ClaimResult.NotClaimable) claim;
                return new Recorded(refused.current() == null ? null : refused.current().status(), false, refused.message());
            }
            version = claimed.record().version();
        }
        FailResult result = state.fail(id, executionId, version, new FileError(errorType, message, at),
                PERMANENT_ERRORS.contains(errorType));
        if (result instanceof FailResult.LeaseLost lost) {
            return new Recorded(lost.current() == null ? null : lost.current().status(), false, lost.message());
        }
        return result instanceof FailResult.Quarantined
                ? new Recorded(FileStatus.QUARANTINED, true, "QUARANTINED")
                : new Recorded(FileStatus.FAILED, true, "FAILED");
    }
}
