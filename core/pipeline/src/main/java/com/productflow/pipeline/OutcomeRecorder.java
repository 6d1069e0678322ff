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
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * The last task of process-file: writes the file's outcome. COMPLETED (outputs and counts) only by the
 * execution that holds the lease; FAILED (or QUARANTINED once the attempts are spent) with the cause.
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

    /** What was written, as {@code status} (the record's status afterwards) and whether this call wrote it. */
    public record Recorded(FileStatus status, boolean written, String message) {}

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
                JsonNode extract = input.path("outputs").path("extract");
                return completed(file.fileId(), executionId, new FileOutputs(convert.path("outputKey").asText(),
                        convert.path("outputSha256").asText(), convert.path("records").asLong(), extract.path("published").asLong(0)));
            }
            case "FAILED" -> {
                return failed(file.fileId(), executionId, input.path("error").asText("States.Runtime"),
                        message(input.path("cause").asText("")), now);
            }
            default -> throw new BadInputException("outcome must be COMPLETED or FAILED, got '" + outcome + "'");
        }
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

    public Recorded failed(FileId id, String executionId, String errorType, String message, Instant at) {
        Optional<FileRecord> current = state.get(id);
        if (current.isEmpty()) {
            return new Recorded(null, false, id + " is not registered");
        }
        FileRecord record = current.get();
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
        FailResult result = state.fail(id, executionId, version, new FileError(errorType, message, at));
        if (result instanceof FailResult.LeaseLost lost) {
            return new Recorded(lost.current() == null ? null : lost.current().status(), false, lost.message());
        }
        return result instanceof FailResult.Quarantined
                ? new Recorded(FileStatus.QUARANTINED, true, "QUARANTINED")
                : new Recorded(FileStatus.FAILED, true, "FAILED");
    }
}
