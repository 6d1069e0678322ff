package com.productflow.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.productflow.state.FileId;
import com.productflow.state.FileRecord;

/**
 * The input of a process-file execution: the file as ingest registered it. The state machine passes it
 * to every task untouched (see statemachine/README.md).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegisteredFile(String bucket, String key, String versionId, String etag, String inputSha256, long size) {
    public static RegisteredFile of(FileRecord record) {
        FileId id = record.id();
        return new RegisteredFile(id.bucket(), id.key(), id.versionId(), id.etag(), record.inputSha256(), record.inputBytes());
    }

    public FileId fileId() {
        return new FileId(bucket, key, versionId, etag);
    }
}
