package com.productflow.pipeline;

import com.productflow.common.ProductflowException;
import com.productflow.state.ClaimResult;
import com.productflow.state.FileId;
import com.productflow.state.FileRecord;
import com.productflow.state.FileStateStore;
import com.productflow.state.FileStatus;
import com.productflow.storage.ObjectLocation;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The convert task of process-file: claim the file for this execution, stream S3 JSON to S3 XML with
 * the ingest checksum verified, and return what was written. It does not mark the file COMPLETED:
 * that waits until the extract branch is done too (see {@link OutcomeRecorder}).
 *
 * <p>Retries of the task within the same execution find the lease already theirs and go on; a file
 * held by another live execution is a {@link FileBusyException} (transient); a finished one returns
 * its recorded outputs without converting again.
 */
public final class FileConversionJob {
    private final FileStateStore state;
    private final S3Conversion conversion;
    private final OutputKeys outputKeys;
    private final Duration lease;

    public FileConversionJob(FileStateStore state, S3Conversion conversion, OutputKeys outputKeys, Duration lease) {
        this.state = state;
        this.conversion = conversion;
        this.outputKeys = outputKeys;
        this.lease = lease;
    }

    public record Result(String outputBucket, String outputKey, String outputSha256, long records, long bytesIn, long bytesOut) {}

    public Result run(RegisteredFile file, String executionId) throws IOException {
        FileId id = file.fileId();
        ObjectLocation output = outputKeys.outputFor(file.bucket(), file.key());
        ClaimResult claim = state.claim(id, executionId, lease, executionId);
        if (claim instanceof ClaimResult.NotClaimable refused) {
            FileRecord current = refused.current();
            boolean ours = current != null && current.status() == FileStatus.IN_PROGRESS && executionId.equals(current.leaseOwner());
            if (refused.reason() == ClaimResult.Reason.ALREADY_COMPLETED && current != null && current.outputKey() != null) {
                // Done by an earlier execution: report its outputs; nothing was read or written now.
                return new Result(output.bucket(), current.outputKey(), current.outputSha256(),
                        current.records() == null ? 0 : current.records(), 0, 0);
            }
            if (!ours) {
                if (refused.reason() == ClaimResult.Reason.LEASED || refused.reason() == ClaimResult.Reason.CHANGED_CONCURRENTLY) {
                    throw new FileBusyException(id + ": " + refused.message());
                }
                throw new ProductflowException(id + " cannot be converted now: " + refused.message());
            }
        }
        S3ConversionResult converted = conversion.convert(
                new ObjectLocation(file.bucket(), file.key()), output, Optional.ofNullable(file.inputSha256()));
        return new Result(output.bucket(), output.key(), converted.outputSha256(), converted.records(),
                converted.bytesIn(), converted.bytesOut());
    }
}
