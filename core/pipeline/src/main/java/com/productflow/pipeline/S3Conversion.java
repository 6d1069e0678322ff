package com.productflow.pipeline;

import com.productflow.common.BadInputException;
import com.productflow.common.io.Sha256;
import com.productflow.convert.ConversionOptions;
import com.productflow.convert.ConversionResult;
import com.productflow.convert.JsonToXmlConverter;
import com.productflow.storage.ObjectChangedException;
import com.productflow.storage.ObjectInfo;
import com.productflow.storage.ObjectLocation;
import com.productflow.storage.ObjectStoreException;
import com.productflow.storage.ObjectTransfers;
import com.productflow.storage.ObjectUploadStream;
import com.productflow.storage.StoredObject;
import com.productflow.storage.WriteCondition;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;

/**
 * Converts an S3 object into another S3 object in one streaming pass: the input is read (parallel
 * ranged GETs when large), the converter writes into an {@link ObjectUploadStream} that uploads parts
 * while the output is produced, and the output is published only after the whole input was read and
 * its SHA-256 matched the expected one (if given). Any failure, a checksum mismatch included, leaves no
 * output object and no multipart upload. Neither the input nor the output ever needs local disk;
 * memory stays within two transfers' buffers plus the converter's own.
 *
 * <p>Each SHA-256 is computed once, by the converter, as it reads and writes (the product feed's
 * {@link JsonToXmlConverter} does): nothing here hashes the same bytes again. Its byte counts are
 * checked against the object and the upload, so checksums of anything but exactly those bytes are
 * never used. The convert function, {@code s3-convert} and {@code bench s3} all run {@link #productFeed}.
 */
public final class S3Conversion {
    /** User metadata on the output naming the input's SHA-256, for tracing an XML back to its JSON. */
    public static final String SOURCE_SHA256_METADATA = "source-sha256";
    public static final String XML = "application/xml";

    private final ObjectTransfers transfers;
    private final ChecksummingConverter converter;
    private final String contentType;

    /** A converter that also reports the counts and SHA-256 of what it read and wrote. */
    @FunctionalInterface
    public interface ChecksummingConverter {
        ConversionResult convert(InputStream in, OutputStream out) throws IOException;
    }

    public S3Conversion(ObjectTransfers transfers, ChecksummingConverter converter, String contentType) {
        this.transfers = transfers;
        this.converter = converter;
        this.contentType = contentType;
    }

    /** The product feed: JSON to XML with {@code options} (the {@code CONVERT_*} settings). */
    public ObjectTransfers transfers() {
        return transfers;
    }

    public static S3Conversion productFeed(ObjectTransfers transfers, ConversionOptions options) {
        return new S3Conversion(transfers, new JsonToXmlConverter(options)::convert, XML);
    }

    /**
     * Converts {@code input} to {@code output}. {@code expectedInputSha256} is the checksum recorded
     * when the input was ingested (hex); a different input fails with {@link BadInputException}.
     * Re-running with the same arguments writes the same output key again.
     */
    public S3ConversionResult convert(ObjectLocation input, ObjectLocation output, Optional<String> expectedInputSha256)
            throws IOException {
        return convert(input, null, null, output, expectedInputSha256, () -> WriteCondition.NONE);
    }

    /**
     * Decides, right before the output is published, whether it may be and on what condition: the
     * pipeline's fence (only the newest version of a key publishes). Throws to publish nothing.
     */
    @FunctionalInterface
    public interface PublishGate {
        WriteCondition beforePublish() throws IOException;
    }

    /**
     * As {@link #convert(ObjectLocation, ObjectLocation, Optional)}, reading exactly the registered input:
     * version {@code versionId} when the bucket has versions (gone: {@link InputOverwrittenException}),
     * else the current object only while it has entity tag {@code eTag} (another one, or a change while
     * reading: {@link InputOverwrittenException}); and publishing only if {@code gate} lets it, under the
     * condition it returns.
     */
    public S3ConversionResult convert(ObjectLocation input, String versionId, String eTag, ObjectLocation output,
            Optional<String> expectedInputSha256, PublishGate gate) throws IOException {
        try {
            return convertPinned(input, versionId, eTag, output, expectedInputSha256, gate);
        } catch (IOException | RuntimeException failed) {
            // The converter's reader thread may wrap it: look through the causes.
            for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
                if (cause instanceof ObjectChangedException changed && input.equals(changed.location())) {
                    throw new InputOverwrittenException(input + " was overwritten while it was read (no versions to read"
                            + " the registered one)", changed);
                }
            }
            throw failed;
        }
    }

    private S3ConversionResult convertPinned(ObjectLocation input, String versionId, String eTag, ObjectLocation output,
            Optional<String> expectedInputSha256, PublishGate gate) throws IOException {
        if (input.equals(output)) {
            throw new BadInputException("output " + output + " is the input: choose another key");
        }
        Optional<String> expected = expectedInputSha256.map(text -> Sha256.normalize(text).orElseThrow(
                () -> new BadInputException("expected SHA-256 must be 64 hex digits, got '" + text + "'")));
        ObjectInfo info = inputInfo(input, versionId, eTag);
        try (CountingInputStream in = new CountingInputStream(transfers.open(input, info));
                ObjectUploadStream out = transfers.create(output, contentType)) {
            ConversionResult converted = converter.convert(in, new NonClosingOutputStream(out));
            long readByConverter = in.count();
            drain(in); // the object must have been read to its end, even bytes the converter did not need
            if (in.count() != info.size()) {
                throw new ObjectStoreException(input + ": read " + in.count() + " bytes but the object has "
                        + info.size() + "; nothing was written");
            }
            if (readByConverter != info.size() || converted.bytesIn() != info.size() || converted.bytesOut() != out.count()) {
                throw new ObjectStoreException("converter accounted for " + converted.bytesIn() + " of " + info.size()
                        + " input bytes and " + converted.bytesOut() + " of " + out.count()
                        + " output bytes; its checksums cannot be used, nothing was written");
            }
            String inputSha256 = converted.inputSha256();
            if (expected.isPresent() && !expected.get().equals(inputSha256)) {
                throw new BadInputException(input + ": SHA-256 mismatch: expected " + expected.get()
                        + " (recorded at ingest), got " + inputSha256 + "; the input changed or was corrupted, no output written");
            }
            WriteCondition condition = gate.beforePublish();
            StoredObject stored = out.commit(Map.of(SOURCE_SHA256_METADATA, inputSha256), converted.outputSha256(), condition);
            return new S3ConversionResult(input, output, converted.records(), in.count(), stored.size(), inputSha256,
                    stored.sha256(), stored.parts());
        }
    }

    private ObjectInfo inputInfo(ObjectLocation input, String versionId, String eTag) {
        if (versionId != null) {
            return transfers.store().head(input, versionId).orElseThrow(() -> new InputOverwrittenException(
                    input + " version " + versionId + " no longer exists", null));
        }
        ObjectInfo info = transfers.require(input);
        String now = info.eTag() == null ? null : info.eTag().replace("\"", "");
        if (eTag != null && !eTag.equals(now)) {
            throw new InputOverwrittenException(input + " now holds another object (ETag " + now + ", registered "
                    + eTag + "): it was overwritten before it was read", null, now);
        }
        return info;
    }

    /** Counts bytes read (the converter hashes them). */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
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
