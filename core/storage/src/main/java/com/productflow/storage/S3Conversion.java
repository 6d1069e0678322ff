package com.productflow.storage;

import com.productflow.common.BadInputException;
import com.productflow.common.io.HashingInputStream;
import com.productflow.common.io.Sha256;
import com.productflow.convert.ConversionResult;
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
    private final ChecksummingConverter converter;
    private final boolean converterHashes;
    private final String contentType;

    /** A converter that also reports the SHA-256 of what it read and wrote (as {@code JsonToXmlConverter} does). */
    @FunctionalInterface
    public interface ChecksummingConverter {
        ConversionResult convert(InputStream in, OutputStream out) throws IOException;
    }

    /** With any converter: input and output are hashed here. */
    public S3Conversion(ObjectTransfers transfers, StreamConverter converter, String contentType) {
        this(transfers, (in, out) -> new ConversionResult(converter.convert(in, out), -1, -1, null, null), false, contentType);
    }

    private S3Conversion(ObjectTransfers transfers, ChecksummingConverter converter, boolean converterHashes,
            String contentType) {
        this.transfers = transfers;
        this.converter = converter;
        this.converterHashes = converterHashes;
        this.contentType = contentType;
    }

    /**
     * With a converter that hashes its input and output itself (e.g.
     * {@code new JsonToXmlConverter()::convert}): its checksums are used instead of hashing the same
     * bytes a second time here; lengths are still checked against the object and the upload.
     */
    public static S3Conversion withConverterChecksums(ObjectTransfers transfers, ChecksummingConverter converter,
            String contentType) {
        return new S3Conversion(transfers, converter, true, contentType);
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
        InputStream opened = transfers.open(input, info);
        try (CountingInputStream in = converterHashes ? new CountingInputStream(opened) : new CountingInputStream(new HashingInputStream(opened));
                ObjectUploadStream out = new ObjectUploadStream(transfers.store(), output, transfers.options(), contentType,
                        !converterHashes)) {
            ConversionResult converted = converter.convert(in, new NonClosingOutputStream(out));
            long readByConverter = in.count();
            drain(in); // the checksum covers the whole object, even bytes the converter did not need
            if (in.count() != info.size()) {
                throw new ObjectStoreException(input + ": read " + in.count() + " bytes but the object has "
                        + info.size() + "; nothing was written");
            }
            String inputSha256;
            String outputSha256;
            if (converterHashes) {
                if (readByConverter != info.size() || converted.bytesIn() != info.size() || converted.bytesOut() != out.count()) {
                    throw new ObjectStoreException("converter accounted for " + converted.bytesIn() + " of " + info.size()
                            + " input bytes and " + converted.bytesOut() + " of " + out.count()
                            + " output bytes; its checksums cannot be used, nothing was written");
                }
                inputSha256 = converted.inputSha256();
                outputSha256 = converted.outputSha256();
            } else {
                inputSha256 = ((HashingInputStream) in.source()).sha256();
                outputSha256 = null;
            }
            if (expected.isPresent() && !expected.get().equals(inputSha256)) {
                throw new BadInputException(input + ": SHA-256 mismatch: expected " + expected.get()
                        + " (recorded at ingest), got " + inputSha256 + "; the input changed or was corrupted, no output written");
            }
            Map<String, String> metadata = Map.of(SOURCE_SHA256_METADATA, inputSha256);
            StoredObject stored = outputSha256 == null ? out.commit(metadata) : out.commit(metadata, outputSha256);
            return new S3ConversionResult(input, output, converted.records(), in.count(), stored.size(), inputSha256,
                    stored.sha256(), stored.parts());
        }
    }

    /** Counts bytes read; cheaper than hashing when the converter hashes. */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        InputStream source() {
            return in;
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            count += skipped;
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    private static void drain(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }
}
