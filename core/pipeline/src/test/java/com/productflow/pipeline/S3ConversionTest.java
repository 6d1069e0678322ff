package com.productflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.productflow.common.BadInputException;
import com.productflow.common.config.SettingsSource;
import com.productflow.common.io.HashingInputStream;
import com.productflow.common.io.HashingOutputStream;
import com.productflow.common.io.Sha256;
import com.productflow.convert.ConversionOptions;
import com.productflow.convert.ConversionResult;
import com.productflow.stack.s3.S3Stack;
import com.productflow.storage.ObjectInfo;
import com.productflow.storage.ObjectLocation;
import com.productflow.storage.ObjectNotFoundException;
import com.productflow.storage.ObjectStoreException;
import com.productflow.storage.ObjectTransfers;
import com.productflow.storage.S3ObjectStore;
import com.productflow.storage.S3Settings;
import com.productflow.storage.StoredObject;
import com.productflow.storage.TransferOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3 → converter → S3 against a real s3proxy: the product feed, and plain byte-stream converters made to
 * report their counts and checksums as the product feed's converter does.
 */
class S3ConversionTest {
    private static final String BUCKET = "conversion";
    private static final int PART = TransferOptions.MIN_PART_SIZE;
    private static S3Stack stack;
    private static S3ObjectStore store;
    private static ObjectTransfers transfers;

    /** Upper-cases ASCII letters: the output differs from the input but is predictable. */
    private static final ByteConverter UPPER = (in, out) -> {
        byte[] buffer = new byte[8192];
        long lines = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] >= 'a' && buffer[i] <= 'z') {
                    buffer[i] -= 32;
                }
                if (buffer[i] == '\n') {
                    lines++;
                }
            }
            out.write(buffer, 0, n);
        }
        return lines;
    };

    /** Turns one stream into another and says how many records it wrote. */
    @FunctionalInterface
    interface ByteConverter {
        long convert(InputStream in, OutputStream out) throws IOException;
    }

    /** The converter hashing and counting what it reads and writes, as {@code JsonToXmlConverter} does. */
    private static S3Conversion conversion(ObjectTransfers transfers, ByteConverter converter, String contentType) {
        return new S3Conversion(transfers, (in, out) -> {
            HashingInputStream hashedIn = new HashingInputStream(in);
            HashingOutputStream hashedOut = new HashingOutputStream(out);
            long records = converter.convert(hashedIn, hashedOut);
            return new ConversionResult(records, hashedIn.count(), hashedOut.count(), hashedIn.sha256(), hashedOut.sha256());
        }, contentType);
    }

    /** Settings for the local server, S3_COMPAT on (the default with an endpoint) unless overridden. */
    private static S3Settings settings(S3Stack server, Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of("S3_ENDPOINT", server.endpoint().toString(),
                "S3_ACCESS_KEY_ID", S3Stack.ACCESS_KEY, "S3_SECRET_ACCESS_KEY", S3Stack.SECRET_KEY,
                "S3_PART_SIZE", String.valueOf(PART), "S3_PARALLELISM", "4"));
        values.putAll(extra);
        return S3Settings.from(SettingsSource.of(values));
    }

    private static S3Settings settings(S3Stack server) {
        return settings(server, Map.of());
    }

    private static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    @BeforeAll
    static void start() {
        stack = S3Stack.startTransient();
        stack.createBucket(BUCKET);
        S3Settings settings = settings(stack);
        store = S3ObjectStore.create(settings);
        transfers = new ObjectTransfers(store, settings.transfer());
    }

    @AfterAll
    static void stop() {
        store.close();
        stack.close();
    }

    @AfterEach
    void noUploadLeftBehind() {
        assertThat(store.listMultipartUploads(BUCKET, "")).isEmpty();
    }

    private static ObjectLocation at(String key) {
        return new ObjectLocation(BUCKET, key);
    }

    private static byte[] text(int size) {
        StringBuilder s = new StringBuilder(size + 64);
        for (int i = 0; s.length() < size; i++) {
            s.append("product number ").append(i).append(" is ready\n");
        }
        return s.substring(0, size).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static byte[] read(ObjectLocation location) throws IOException {
        try (InputStream in = transfers.open(location, transfers.require(location))) {
            return in.readAllBytes();
        }
    }

    @Test
    void convertsAMultipartObjectIntoAnotherWithBothChecksums() throws IOException {
        byte[] input = text(3 * PART + 1234);
        ObjectLocation in = at("in/products.json");
        ObjectLocation out = at("out/products.xml");
        StoredObject source = transfers.upload(new ByteArrayInputStream(input), in, "application/json", Map.of());

        S3ConversionResult result = conversion(transfers, UPPER, "application/xml")
                .convert(in, out, Optional.of(source.sha256().toUpperCase(Locale.ROOT)));

        byte[] expected = new String(input, java.nio.charset.StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT)
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(result.inputSha256()).isEqualTo(Sha256.of(input));
        assertThat(result.outputSha256()).isEqualTo(Sha256.of(expected));
        assertThat(result.bytesIn()).isEqualTo(input.length);
        assertThat(result.bytesOut()).isEqualTo(expected.length);
        assertThat(result.records()).isPositive();
        assertThat(result.outputParts()).isEqualTo(4);
        assertThat(read(out)).isEqualTo(expected);
        ObjectInfo info = transfers.require(out);
        assertThat(info.sha256()).contains(result.outputSha256());
        assertThat(info.metadata()).containsEntry(S3Conversion.SOURCE_SHA256_METADATA, result.inputSha256());
        assertThat(transfers.verify(out).matches()).isTrue();

        // Idempotent: the same run again writes the same key, nothing else appears.
        S3ConversionResult again = conversion(transfers, UPPER, "application/xml").convert(in, out, Optional.empty());
        assertThat(again.outputSha256()).isEqualTo(result.outputSha256());
        assertThat(store.list(BUCKET, "out/products")).containsExactly("out/products.xml");
    }

    @Test
    void checksumMismatchFailsAndWritesNoOutput() throws IOException {
        byte[] input = text(2 * PART + 10);
        ObjectLocation in = at("in/corrupt.json");
        ObjectLocation out = at("out/corrupt.xml");
        transfers.upload(new ByteArrayInputStream(input), in, "application/json", Map.of());
        String recordedAtIngest = Sha256.of(text(2 * PART + 11));

        assertThatThrownBy(() -> conversion(transfers, UPPER, "application/xml")
                        .convert(in, out, Optional.of(recordedAtIngest)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("SHA-256 mismatch")
                .hasMessageContaining(recordedAtIngest)
                .hasMessageContaining("s3://conversion/in/corrupt.json");
        assertThat(store.list(BUCKET, "out/corrupt")).isEmpty();
    }

    @Test
    void smallOutputMismatchAlsoWritesNothing() throws IOException {
        ObjectLocation in = at("in/small.json");
        ObjectLocation out = at("out/small.xml");
        transfers.upload(new ByteArrayInputStream(text(100)), in, "application/json", Map.of());
        assertThatThrownBy(() -> conversion(transfers, UPPER, "application/xml")
                        .convert(in, out, Optional.of("0".repeat(64))))
                .isInstanceOf(BadInputException.class);
        assertThat(store.head(out)).isEmpty();
    }

    @Test
    void malformedExpectedChecksumIsBadInput() {
        assertThatThrownBy(() -> conversion(transfers, UPPER, "application/xml")
                        .convert(at("in/x"), at("out/x"), Optional.of("abc")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("64 hex digits");
    }

    @Test
    void converterFailureMidwayLeavesNoOutputAndNoUpload() throws IOException {
        ObjectLocation in = at("in/malformed.json");
        ObjectLocation out = at("out/malformed.xml");
        transfers.upload(new ByteArrayInputStream(text(4 * PART)), in, "application/json", Map.of());
        ByteConverter failsAfterThreeParts = (input, output) -> {
            byte[] buffer = new byte[PART];
            for (int i = 0; i < 3; i++) {
                input.readNBytes(buffer, 0, buffer.length);
                output.write(buffer);
            }
            throw new BadInputException("malformed JSON at line 7, column 3 (record 2)");
        };
        assertThatThrownBy(() -> conversion(transfers, failsAfterThreeParts, "application/xml")
                        .convert(in, out, Optional.empty()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("line 7");
        assertThat(store.list(BUCKET, "out/malformed")).isEmpty();
    }

    @Test
    void convertersThatHashTheirOwnBytesAreTrustedOnlyWhenTheirCountsAddUp() throws IOException {
        byte[] input = text(2 * PART + 5);
        ObjectLocation in = at("in/hashing.json");
        transfers.upload(new ByteArrayInputStream(input), in, "application/json", Map.of());
        S3Conversion.ChecksummingConverter honest = (i, o) -> {
            HashingInputStream hi = new HashingInputStream(i);
            HashingOutputStream ho = new HashingOutputStream(o);
            long lines = UPPER.convert(hi, ho);
            return new ConversionResult(lines, hi.count(), ho.count(), hi.sha256(), ho.sha256());
        };
        S3ConversionResult result = new S3Conversion(transfers, honest, "application/xml")
                .convert(in, at("out/hashing.xml"), Optional.of(Sha256.of(input)));
        assertThat(result.outputSha256()).isEqualTo(Sha256.of(read(at("out/hashing.xml"))));
        assertThat(transfers.verify(at("out/hashing.xml")).matches()).isTrue();

        S3Conversion.ChecksummingConverter miscounts = (i, o) -> {
            ConversionResult r = honest.convert(i, o);
            return new ConversionResult(r.records(), r.bytesIn(), r.bytesOut() - 1, r.inputSha256(), r.outputSha256());
        };
        assertThatThrownBy(() -> new S3Conversion(transfers, miscounts, "application/xml")
                        .convert(in, at("out/miscounted.xml"), Optional.empty()))
                .isInstanceOf(ObjectStoreException.class).hasMessageContaining("cannot be used");
        assertThat(store.list(BUCKET, "out/miscounted")).isEmpty();
    }

    @Test
    void theProductFeedStoresTheConvertersOwnChecksums() throws IOException {
        byte[] json = "[{\"ean\":\"5713447649590\",\"color\":\"Black & <White>\",\"price\":39.99}]"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ObjectLocation in = at("in/feed.json");
        ObjectLocation out = at("out/feed.xml");
        transfers.upload(new ByteArrayInputStream(json), in, "application/json", Map.of());

        S3ConversionResult result = S3Conversion.productFeed(transfers, ConversionOptions.defaults())
                .convert(in, out, Optional.of(Sha256.of(json)));

        byte[] xml = read(out);
        assertThat(result.records()).isEqualTo(1);
        assertThat(result.inputSha256()).isEqualTo(Sha256.of(json));
        assertThat(result.outputSha256()).isEqualTo(Sha256.of(xml));
        assertThat(new String(xml, java.nio.charset.StandardCharsets.UTF_8)).contains("Black &amp; &lt;White&gt;");
        assertThat(transfers.verify(out).matches()).isTrue();
    }

    @Test
    void emptyInputGivesAnEmptyOutputWithItsChecksum() throws IOException {
        ObjectLocation in = at("in/empty.json");
        ObjectLocation out = at("out/empty.xml");
        transfers.upload(new ByteArrayInputStream(new byte[0]), in, "application/json", Map.of());
        S3ConversionResult result = conversion(transfers, (i, o) -> i.transferTo(o), "application/xml")
                .convert(in, out, Optional.of(Sha256.of(new byte[0])));
        assertThat(result.bytesOut()).isZero();
        assertThat(transfers.require(out).sha256()).contains(Sha256.of(new byte[0]));
    }

    @Test
    void missingInputAndSameInputOutputAreBadInput() {
        ByteConverter copy = (i, o) -> i.transferTo(o);
        assertThatThrownBy(() -> conversion(transfers, copy, "x/y").convert(at("in/none"), at("out/none"), Optional.empty()))
                .isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> conversion(transfers, copy, "x/y").convert(at("in/a"), at("in/a"), Optional.empty()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("is the input");
    }

    @Test
    void serverStoppedMidUploadFailsAndPublishesNothing(@TempDir Path dir) throws IOException {
        S3Stack own = S3Stack.startFilesystem(dir);
        int port = own.port();
        own.createBucket(BUCKET);
        S3Settings settings = settings(own, Map.of("S3_PART_ATTEMPTS", "2"));
        ObjectLocation out = at("out/stopped.xml");
        try (S3ObjectStore ownStore = S3ObjectStore.create(settings)) {
            ObjectTransfers ownTransfers = new ObjectTransfers(ownStore, settings.transfer());
            ByteConverter stopsServerMidway = (input, output) -> {
                byte[] part = bytes(PART, 1);
                output.write(part);
                output.write(part);
                output.write(part);
                own.close();
                for (int i = 0; i < 3; i++) {
                    output.write(part);
                }
                return 6;
            };
            ObjectLocation in = at("in/stopped.json");
            ownTransfers.upload(new ByteArrayInputStream(text(1000)), in, "application/json", Map.of());
            assertThatThrownBy(() -> conversion(ownTransfers, stopsServerMidway, "application/xml")
                            .convert(in, out, Optional.empty()))
                    .isInstanceOf(ObjectStoreException.class);
        }
        // Back up on the same data: the output never appeared. (The multipart upload could not be
        // aborted while the server was down; S3's AbortIncompleteMultipartUpload lifecycle rule covers that.)
        try (S3Stack again = S3Stack.startFilesystem(dir, port);
                S3ObjectStore againStore = S3ObjectStore.create(settings(again))) {
            assertThat(againStore.head(out)).isEmpty();
            assertThat(againStore.list(BUCKET, "out/")).isEmpty();
            assertThat(againStore.head(at("in/stopped.json"))).isPresent();
        }
    }

    @Test
    void worksWithAwsStyleChunkedSigningAndExpectContinueToo() throws IOException {
        S3Settings aws = settings(stack, Map.of("S3_COMPAT", "false", "S3_PATH_STYLE", "true"));
        assertThat(aws.chunkedEncoding()).isTrue();
        assertThat(aws.expectContinue()).isTrue();
        try (S3ObjectStore awsStore = S3ObjectStore.create(aws)) {
            ObjectTransfers awsTransfers = new ObjectTransfers(awsStore, aws.transfer());
            byte[] input = text(2 * PART + 77);
            ObjectLocation in = at("aws/in.json");
            ObjectLocation out = at("aws/out.xml");
            awsTransfers.upload(new ByteArrayInputStream(input), in, "application/json", Map.of());
            S3ConversionResult result = conversion(awsTransfers, (i, o) -> i.transferTo(o), "application/xml")
                    .convert(in, out, Optional.of(Sha256.of(input)));
            assertThat(result.outputSha256()).isEqualTo(Sha256.of(input));
            assertThat(awsTransfers.verify(out).matches()).isTrue();
        }
    }

    @Test
    void outputIsProducedWhileTheConverterStillRuns() throws IOException {
        // Bounded memory: with 2 buffers of one part, 6 parts can only get through if parts are
        // uploaded (and their buffers reused) while the converter is still writing.
        ObjectTransfers tight = new ObjectTransfers(store, transfers.options().withParallelism(2));
        ObjectLocation in = at("in/tight.json");
        ObjectLocation out = at("out/tight.xml");
        transfers.upload(new ByteArrayInputStream(text(100)), in, "application/json", Map.of());
        int[] partsUploadedWhileWriting = {0};
        ByteConverter big = (input, output) -> {
            input.transferTo(OutputStream.nullOutputStream());
            byte[] part = bytes(PART, 2);
            for (int i = 0; i < 6; i++) {
                output.write(part);
            }
            partsUploadedWhileWriting[0] = store.listMultipartUploads(BUCKET, "out/tight").size();
            return 6;
        };
        S3ConversionResult result = conversion(tight, big, "application/xml").convert(in, out, Optional.empty());
        assertThat(partsUploadedWhileWriting[0]).isEqualTo(1);
        assertThat(result.outputParts()).isEqualTo(6);
        assertThat(result.bytesOut()).isEqualTo(6L * PART);
    }
}
