package com.productflow.pipeline;

import com.productflow.storage.ObjectLocation;

/** One S3→S3 conversion: records, bytes and SHA-256 (hex) of the input read and the output published. */
public record S3ConversionResult(ObjectLocation input, ObjectLocation output, long records, long bytesIn, long bytesOut,
        String inputSha256, String outputSha256, int outputParts) {}
