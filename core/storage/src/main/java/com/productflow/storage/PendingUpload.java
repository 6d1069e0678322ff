package com.productflow.storage;

/** A multipart upload that was started and neither completed nor aborted. */
public record PendingUpload(String key, String uploadId) {}
