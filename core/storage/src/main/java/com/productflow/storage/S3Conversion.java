package com.productflow.storage;

import com.productflow.common.BadInputException;
import com.productflow.common.io.HashingInputStream;
import com.productflow.common.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;

/**
 * Converts an S3 object into another S3 object in one streaming pass: the input is read (parallel
 * ranged GETs when large) and hashed as it streams, the converter writes into an
 * {@link ObjectUploadStream} that uploads parts while the output is produced, and the output is
 * published only after the whole input was read and its SHA-256 matched the expected one (if given).
 * Any failure, a checksum mismatch included, leaves no output object and no multipart upload.
 * Neither the input nor the output ever needs local disk; memory stays within two transfers'
 * buffers plus the converter's own.
 */
public final class S3Conversion {
    /** User metadata on the output naming the input's SHA-256, for tracing an XML back to its JSON. */
    public static final String SOURCE_SHA256_METADATA = "source-sha256";

    private final ObjectTransfers transfers;
    private final StreamConverter converter;
    private final String contentType;

    public S3Conversion(ObjectTransfers transfers, StreamConverter converter, String contentType) {
        this.transfers = transfers;
        this.converter = converter;
        this.contentType = contentType;
    }

    /**
     * Converts {@code input} to {@code output}. {@code expectedInputSha256} is the checksum recorded
     * when the input was ingested (hex); a different input fails with {@link BadInputException}.
     * Re-running with the same arguments writes the same output key again.
     */
    public S3ConversionResult convert(ObjectLocation input, ObjectLocation output, Optional<String> expectedInputSha256)
            throws IOException {
        if (input.equals(output)) {
            throw new BadInputException("output " + output + " is the input: choose another key");
        }
        Optional<String> expected = expectedInputSha256.map(text -> Sha256.normalize(text).orElseThrow(
                () -> new BadInputException("expected SHA-256 must be 64 hex digits, got '" + text + "'")));
        ObjectInfo info = transfers.require(input);
        try (HashingInputStream in = new HashingInputStream(transfers.open(input, info));
                ObjectUploadStream out = transfers.create(output, contentType)) {
            long records = converter.convert(in, new NonClosingOutputStream(out));
            drain(in); // the checksum covers the whole object, even bytes the converter did not need
            if (in.count() != info.size()) {
                throw new ObjectStoreException(input + ": read " + in.count() + " bytes but the object has "
                        + info.size() + "; nothing was written");
            }
            String inputSha256 = in.sha256();
            if (expected.isPresent() && !expected.get().equals(inputSha256)) {
                throw new BadInputException(input + ": SHA-256 mismatch: expected " + expected.get()
                        + " (recorded at ingest), got " + inputSha256 + "; the input changed or was corrupted, no output written");
            }
            StoredObject stored = out.commit(Map.of(SOURCE_SHA256_METADATA, inputSha256));
            return new S3ConversionResult(input, output, records, in.count(), stored.size(), inputSha256,
                    stored.sha256(), stored.parts());
        }
    }

    private static void drain(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }
}
