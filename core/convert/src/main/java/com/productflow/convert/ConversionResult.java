package com.productflow.convert;

/**
 * What one conversion pass measured: records written, bytes read and written, and the SHA-256 (hex)
 * of the exact input bytes (before any gzip decompression) and of the output bytes.
 */
public record ConversionResult(long records, long bytesIn, long bytesOut, String inputSha256, String outputSha256) {}
