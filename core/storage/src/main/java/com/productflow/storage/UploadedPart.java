package com.productflow.storage;

/** One uploaded part of a multipart upload, as CompleteMultipartUpload needs it. */
public record UploadedPart(int partNumber, String eTag, String checksumSha256Base64) {}
