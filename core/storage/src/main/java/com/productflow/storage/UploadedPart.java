package com.productflow.storage;

/**
 * One uploaded part of a multipart upload, as CompleteMultipartUpload needs it.
 *
 * @param checksum the part's flexible checksum, or null when the server reported none (a copied part)
 */
public record UploadedPart(int partNumber, String eTag, PartChecksum.Value checksum) {}
