package com.productflow.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.productflow.state.FileId;
import com.productflow.state.FileRecord;
import com.productflow.state.Sequencer;

/**
 * The input of a process-file execution: the file as ingest registered it. The state machine passes it
 * to every task untouched (see statemachine/README.md).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegisteredFile(String bucket, String key, String versionId, String etag, String inputSha256, long size,
        String sequencer) {
    public static RegisteredFile of(FileRecord record) {
        FileId id = record.id();
        return new RegisteredFile(id.bucket(), id.key(), id.versionId(), id.etag(), record.inputSha256(), record.inputBytes(),
                record.sequencer() == null ? null : record.sequencer().hex());
    }

    public RegisteredFile(String bucket, String key, String versionId, String etag, String inputSha256, long size) {
        this(bucket, key, versionId, etag, inputSha256, size, null);
    }

    /** The S3 event's order of this version among its key's versions; null when registered from a listing. */
    public Sequencer order() {
        return Sequencer.ofNullable(sequencer);
    }

    public FileId fileId() {
        return new FileId(bucket, key, versionId, etag);
    }
}
