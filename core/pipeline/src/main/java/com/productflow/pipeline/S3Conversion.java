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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
    private final List<Encoding> encodings;

    /** A converter that also reports the counts and SHA-256 of what it read and wrote. */
    @FunctionalInterface
    public interface ChecksummingConverter {
        ConversionResult convert(InputStream in, OutputStream out) throws IOException;
    }

    /** One output of a conversion: the converter that writes it and its media type. */
    public record Encoding(ChecksummingConverter converter, String contentType) {}

    public S3Conversion(ObjectTransfers transfers, ChecksummingConverter converter, String contentType) {
        this(transfers, List.of(new Encoding(converter, contentType)));
    }

    /**
     * A conversion with one output per encoding, all written from one read of the input
     * ({@link TeeConversion} when there are several).
     */
    public S3Conversion(ObjectTransfers transfers, List<Encoding> encodings) {
        if (encodings.isEmpty()) {
            throw new IllegalArgumentException("a conversion needs at least one output");
        }
        this.transfers = transfers;
        this.encodings = List.copyOf(encodings);
    }

    /** How many outputs each conversion writes (one per encoding, in order). */
    public int outputs() {
        return encodings.size();
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
        return convert(input, null, null, List.of(output), expectedInputSha256,
                outputs -> Collections.nCopies(outputs.size(), WriteCondition.NONE)).get(0);
    }

    /**
     * Decides, right before the outputs are published, whether they may be and on what condition (one per
     * output, in order): the pipeline's fence (only the newest version of a key publishes). Throws to
     * publish nothing.
     */
    @FunctionalInterface
    public interface PublishGate {
        List<WriteCondition> beforePublish(List<ObjectLocation> outputs) throws IOException;
    }

    /**
     * As {@link #convert(ObjectLocation, ObjectLocation, Optional)}, reading exactly the registered input:
     * version {@code versionId} when the bucket has versions (gone: {@link InputOverwrittenException}),
     * else the current object only while it has entity tag {@code eTag} (another one, or a change while
     * reading: {@link InputOverwrittenException}); and publishing only if {@code gate} lets it, under the
     * condition it returns.
     */
    public List<S3ConversionResult> convert(ObjectLocation input, String versionId, String eTag, List<ObjectLocation> outputs,
            Optional<String> expectedInputSha256, PublishGate gate) throws IOException {
        if (outputs.size() != encodings.size()) {
            throw new IllegalArgumentException(encodings.size() + " outputs to write, " + outputs.size() + " locations given");
        }
        try {
            return convertPinned(input, versionId, eTag, outputs, expectedInputSha256, gate);
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

    private List<S3ConversionResult> convertPinned(ObjectLocation input, String versionId, String eTag,
            List<ObjectLocation> outputs, Optional<String> expectedInputSha256, PublishGate gate) throws IOException {
        for (ObjectLocation output : outputs) {
            if (input.equals(output)) {
                throw new BadInputException("output " + output + " is the input: choose another key");
            }
        }
        if (new java.util.HashSet<>(outputs).size() != outputs.size()) {
            throw new BadInputException("outputs " + outputs + " name one key twice: choose distinct keys");
        }
        Optional<String> expected = expectedInputSha256.map(text -> Sha256.normalize(text).orElseThrow(
                () -> new BadInputException("expected SHA-256 must be 64 hex digits, got '" + text + "'")));
        ObjectInfo info = inputInfo(input, versionId, eTag);
        try (CountingInputStream in = new CountingInputStream(transfers.open(input, info));
                Uploads out = new Uploads()) {
            for (int i = 0; i < outputs.size(); i++) {
                out.add(transfers.create(outputs.get(i), encodings.get(i).contentType()));
            }
            List<ConversionResult> converted = convertStreams(in, out.all());
            long readByConverter = in.count();
            drain(in); // the object must have been read to its end, even bytes the converter did not need
            if (in.count() != info.size()) {
                throw new ObjectStoreException(input + ": read " + in.count() + " bytes but the object has "
                        + info.size() + "; nothing was written");
            }
            String inputSha256 = converted.get(0).inputSha256();
            for (int i = 0; i < converted.size(); i++) {
                ConversionResult c = converted.get(i);
                if (readByConverter != info.size() || c.bytesIn() != info.size() || c.bytesOut() != out.get(i).count()
                        || !inputSha256.equals(c.inputSha256())) {
                    throw new ObjectStoreException("converter accounted for " + c.bytesIn() + " of " + info.size()
                            + " input bytes and " + c.bytesOut() + " of " + out.get(i).count()
                            + " output bytes; its checksums cannot be used, nothing was written");
                }
            }
            if (expected.isPresent() && !expected.get().equals(inputSha256)) {
                throw new BadInputException(input + ": SHA-256 mismatch: expected " + expected.get()
                        + " (recorded at ingest), got " + inputSha256 + "; the input changed or was corrupted, no output written");
            }
            List<WriteCondition> conditions = gate.beforePublish(outputs);
            // One after the other, in the order given (S3 has no multi-object transaction): the caller puts
            // last the output whose presence others look for.
            List<S3ConversionResult> results = new ArrayList<>();
            for (int i = 0; i < outputs.size(); i++) {
                StoredObject stored = out.get(i).commit(Map.of(SOURCE_SHA256_METADATA, inputSha256),
                        converted.get(i).outputSha256(), conditions.get(i));
                results.add(new S3ConversionResult(input, outputs.get(i), converted.get(i).records(), in.count(), stored.size(),
                        inputSha256, stored.sha256(), stored.parts()));
            }
            return results;
        }
    }

    /** The open uploads of one conversion; closing discards every one not committed. */
    private static final class Uploads implements AutoCloseable {
        private final List<ObjectUploadStream> streams = new ArrayList<>();

        void add(ObjectUploadStream stream) {
            streams.add(stream);
        }

        ObjectUploadStream get(int index) {
            return streams.get(index);
        }

        List<ObjectUploadStream> all() {
            return streams;
        }

        @Override
        public void close() {
            streams.forEach(ObjectUploadStream::close);
        }
    }

    /**
     * The conversion itself, between streams: every encoding from one read of {@code in} (one converter on
     * this thread, several through {@link TeeConversion}), each into its output (not closed). What
     * {@link #convert} runs between the S3 read and the upload; ConvertFunction's priming runs it on a
     * bundled sample, so the code compiled before the snapshot is the code the first invocation runs.
     */
    public List<ConversionResult> convertStreams(InputStream in, List<? extends OutputStream> outputs) throws IOException {
        if (outputs.size() != encodings.size()) {
            throw new IllegalArgumentException(encodings.size() + " outputs to write, " + outputs.size() + " streams given");
        }
        return encodings.size() == 1
                ? List.of(encodings.get(0).converter().convert(in, new NonClosingOutputStream(outputs.get(0))))
                : TeeConversion.convert(in, encodings.stream().map(Encoding::converter).toList(), outputs);
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
