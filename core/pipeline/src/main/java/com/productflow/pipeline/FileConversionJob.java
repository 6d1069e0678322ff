package com.productflow.pipeline;

import com.productflow.common.ProductflowException;
import com.productflow.state.ClaimResult;
import com.productflow.state.FileId;
import com.productflow.state.FileRecord;
import com.productflow.state.FileStateStore;
import com.productflow.state.FileStatus;
import com.productflow.state.LatestVersion;
import com.productflow.state.PublishResult;
import com.productflow.state.Sequencer;
import com.productflow.storage.ConditionalWriteException;
import com.productflow.storage.ObjectInfo;
import com.productflow.storage.ObjectLocation;
import com.productflow.storage.WriteCondition;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The convert task of process-file: claim the file for this execution, stream the registered version
 * of the S3 JSON to S3 XML with the ingest checksum verified, and publish it only if it is still the
 * newest version of its key. It does not mark the file COMPLETED: that waits until the extract branch
 * is done too (see {@link OutcomeRecorder}).
 *
 * <h2>Only the newest publishes</h2>
 * Right before the output is written: (1) HEAD the output key (its ETag, or nothing); (2) claim the
 * publication in the per-key record, a conditional write that passes only while this version's
 * sequencer is the newest ({@link FileStateStore#claimPublication}); (3) write the output with S3's
 * conditional write on what (1) saw ({@code If-Match} its ETag, or {@code If-None-Match: *}). A newer
 * version registers before it publishes: if it registered before (2), (2) refuses; if it published
 * after (1), the key's ETag changed and (3) refuses. Either way the older version writes nothing and
 * is SUPERSEDED; the newer one, refused at (3) only by an older writer that got in between, retries.
 * A version that can no longer be read (overwritten with no versions kept, or its version deleted) or
 * that fails while a newer one is registered is SUPERSEDED too, not failed.
 *
 * <h2>More than one output</h2>
 * With {@code OUTPUT_FORMATS=xml,parquet} one read of the input writes both ({@link ProductOutputs}).
 * The fence covers every output key: (1) HEADs each, (3) writes each on its own condition, the Parquet
 * first and the XML last. S3 has no multi-object transaction: a failure between the two writes leaves
 * this (newest) version's Parquet published and the file not COMPLETED; the retry writes the same bytes
 * again. A failure before (3), malformed input and checksum mismatch included, publishes nothing.
 *
 * <p>The lease is renewed while the conversion runs ({@link LeaseKeeper}). Retries of the task
 * within the same execution find the lease already theirs and go on; a file
 * held by another live execution is a {@link FileBusyException} (transient); a finished one returns
 * its recorded outputs without converting again.
 */
public final class FileConversionJob {
    private static final int PUBLISH_ATTEMPTS = 5;
    private final FileStateStore state;
    private final ProductOutputs outputs;
    private final OutputKeys outputKeys;
    private final Duration lease;
    private final RaceHook hook;

    /**
     * Test hook that forces the races deterministically (e.g. holds one version between its check and
     * its write while another publishes). Production code passes {@link #NO_HOOK}.
     */
    public interface RaceHook {
        /** After converting, before the output's HEAD and the publication claim. */
        default void beforeCheck(FileId file) {}

        /** After the publication claim was granted, before the conditional write. */
        default void beforeWrite(FileId file) {}
    }

    public static final RaceHook NO_HOOK = new RaceHook() {};

    /** The XML feed only ({@code conversion} writes one output). */
    public FileConversionJob(FileStateStore state, S3Conversion conversion, OutputKeys outputKeys, Duration lease) {
        this(state, ProductOutputs.xml(conversion), outputKeys, lease, NO_HOOK);
    }

    public FileConversionJob(FileStateStore state, S3Conversion conversion, OutputKeys outputKeys, Duration lease, RaceHook hook) {
        this(state, ProductOutputs.xml(conversion), outputKeys, lease, hook);
    }

    /** The formats of {@code outputs} ({@code OUTPUT_FORMATS}), all from one read of the input. */
    public FileConversionJob(FileStateStore state, ProductOutputs outputs, OutputKeys outputKeys, Duration lease) {
        this(state, outputs, outputKeys, lease, NO_HOOK);
    }

    public FileConversionJob(FileStateStore state, ProductOutputs outputs, OutputKeys outputKeys, Duration lease, RaceHook hook) {
        this.state = state;
        this.outputs = outputs;
        this.outputKeys = outputKeys;
        this.lease = lease;
        this.hook = hook;
    }

    /**
     * What the task returns ({@code outputs.convert}); {@code supersededBy} set (and no output) when a
     * newer version of the key took over: the file is then already SUPERSEDED. The XML output is
     * {@code outputKey}/{@code outputSha256}/{@code bytesOut} (absent, and {@code bytesOut} 0, without XML);
     * the Parquet output, when written, {@code parquetKey}/{@code parquetSha256}/{@code parquetRows}/
     * {@code parquetBytes}. {@code records} counts the products of the input (the same in every output).
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Result(String outputBucket, String outputKey, String outputSha256, long records, long bytesIn, long bytesOut,
            String supersededBy, String parquetKey, String parquetSha256, Long parquetRows, Long parquetBytes) {
        public Result(String outputBucket, String outputKey, String outputSha256, long records, long bytesIn, long bytesOut,
                String supersededBy) {
            this(outputBucket, outputKey, outputSha256, records, bytesIn, bytesOut, supersededBy, null, null, null, null);
        }

        static Result superseded(ObjectLocation output, String by) {
            return new Result(output.bucket(), null, null, 0, 0, 0, by);
        }

        /** The task's result for what {@link S3Conversion} published, one result per format. */
        static Result of(List<OutputFormat> formats, List<S3ConversionResult> published) {
            S3ConversionResult xml = null;
            S3ConversionResult parquet = null;
            for (int i = 0; i < formats.size(); i++) {
                switch (formats.get(i)) {
                    case XML -> xml = published.get(i);
                    case PARQUET -> parquet = published.get(i);
                }
            }
            S3ConversionResult any = published.get(0);
            return new Result(any.output().bucket(), xml == null ? null : xml.output().key(), xml == null ? null : xml.outputSha256(),
                    any.records(), any.bytesIn(), xml == null ? 0 : xml.bytesOut(), null,
                    parquet == null ? null : parquet.output().key(), parquet == null ? null : parquet.outputSha256(),
                    parquet == null ? null : parquet.records(), parquet == null ? null : parquet.bytesOut());
        }

        /** The outputs' keys, for the log. */
        public String describeOutputs() {
            return java.util.stream.Stream.of(outputKey, parquetKey).filter(java.util.Objects::nonNull)
                    .map(key -> "s3://" + outputBucket + "/" + key).collect(java.util.stream.Collectors.joining(" and "));
        }
    }

    /** The publication was refused: a newer version of the key is registered or has published. */
    private static final class Superseded extends IOException {
        final String by;

        Superseded(String by) {
            super("superseded by " + by);
            this.by = by;
        }
    }

    public Result run(RegisteredFile file, String executionId) throws IOException {
        FileId id = file.fileId();
        List<ObjectLocation> targets = outputs.formats().stream()
                .map(format -> outputKeys.outputFor(format, file.bucket(), file.key())).toList();
        ObjectLocation output = targets.get(targets.size() - 1);
        ClaimResult claim = state.claim(id, executionId, lease, executionId);
        if (claim instanceof ClaimResult.NotClaimable refused) {
            FileRecord current = refused.current();
            boolean ours = current != null && current.status() == FileStatus.IN_PROGRESS && executionId.equals(current.leaseOwner());
            if (refused.reason() == ClaimResult.Reason.ALREADY_COMPLETED && current != null
                    && (current.outputKey() != null || current.parquetKey() != null)) {
                // Done by an earlier execution: report its outputs; nothing was read or written now.
                return new Result(output.bucket(), current.outputKey(), current.outputSha256(),
                        current.records() == null ? 0 : current.records(), 0, 0, null, current.parquetKey(),
                        current.parquetSha256(), current.parquetRows(), current.parquetBytes());
            }
            if (refused.reason() == ClaimResult.Reason.SUPERSEDED && current != null) {
                return Result.superseded(output, current.supersededBy());
            }
            if (!ours) {
                if (refused.reason() == ClaimResult.Reason.LEASED || refused.reason() == ClaimResult.Reason.CHANGED_CONCURRENTLY) {
                    throw new FileBusyException(id + ": " + refused.message());
                }
                throw new ProductflowException(id + " cannot be converted now: " + refused.message());
            }
        }
        Optional<String> newer = newerVersion(file);
        if (newer.isPresent()) {
            return superseded(id, output, newer.get()); // not converted at all
        }
        // The lease is renewed while the conversion runs (a long file outlives a fixed lease otherwise).
        try (LeaseKeeper renewing = LeaseKeeper.keep(state, claim, lease)) {
            ObjectLocation input = new ObjectLocation(file.bucket(), file.key());
            for (int attempt = 1; ; attempt++) {
                try {
                    List<S3ConversionResult> converted = outputs.conversion().convert(input, file.versionId(), file.etag(),
                            targets, Optional.ofNullable(file.inputSha256()), locations -> fence(file, locations));
                    return Result.of(outputs.formats(), converted);
                } catch (Superseded superseded) {
                    return superseded(id, output, superseded.by);
                } catch (InputOverwrittenException overwritten) {
                    // The newer version's id if it is registered already, else the ETag of the object now at the key.
                    String by = newerVersion(file).orElse(overwritten.current() != null ? overwritten.current()
                            : "a newer upload of the same key (" + overwritten.getMessage() + ")");
                    return superseded(id, output, by);
                } catch (ConditionalWriteException refused) {
                    // Still the newest, yet the key changed between our HEAD and our write: an older writer got in. Again.
                    Optional<String> by = newerVersion(file);
                    if (by.isPresent()) {
                        return superseded(id, output, by.get());
                    }
                    if (attempt == PUBLISH_ATTEMPTS) {
                        throw new FileBusyException(id + ": output " + output + " kept changing under " + attempt + " publications");
                    }
                } catch (IOException | RuntimeException failed) {
                    Optional<String> by = newerVersion(file);
                    if (by.isPresent()) {
                        return superseded(id, output, by.get()); // whatever went wrong, a newer version takes over
                    }
                    throw failed;
                }
            }
        }
    }

    /**
     * Steps (1) and (2) of the fence; returns the conditions of step (3), one per output: each output
     * key is written only if unchanged since (1), so a newer version that published any of them first
     * makes this one's write of it fail.
     */
    private List<WriteCondition> fence(RegisteredFile file, List<ObjectLocation> targets) throws IOException {
        hook.beforeCheck(file.fileId());
        List<Optional<ObjectInfo>> before = new ArrayList<>();
        for (ObjectLocation target : targets) {
            before.add(outputs.conversion().transfers().store().head(target));
        }
        if (state.claimPublication(file.fileId(), file.order()) instanceof PublishResult.Superseded refused) {
            throw new Superseded(label(refused.latest()));
        }
        hook.beforeWrite(file.fileId());
        return before.stream().map(WriteCondition::unchangedSince).toList();
    }

    /** The newer version of the key registered in the per-key record, if any. */
    private Optional<String> newerVersion(RegisteredFile file) {
        Sequencer mine = file.order();
        Optional<LatestVersion> latest = state.latest(file.bucket(), file.key());
        return latest.filter(l -> l.sequencer() != null && (mine == null || l.sequencer().isNewerThan(mine)))
                .map(FileConversionJob::label);
    }

    private static String label(LatestVersion latest) {
        return latest.version();
    }

    private Result superseded(FileId id, ObjectLocation output, String by) {
        state.supersede(id, by);
        return Result.superseded(output, by);
    }
}
