package com.productflow.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.productflow.common.BadInputException;
import com.productflow.common.io.Sha256;
import com.productflow.stack.s3.S3Stack;
import com.productflow.testsupport.LocalServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;

/** Round trips, atomicity and failure handling against a real s3proxy on 127.0.0.1. */
class ObjectTransfersTest {
    private static final String BUCKET = "transfers";
    @RegisterExtension
    static final LocalServer<S3Stack> S3 = LocalServer.s3();
    private static S3Stack stack;
    private static S3ObjectStore store;
    private static ObjectTransfers transfers;

    @BeforeAll
    static void start() {
        stack = S3.get();
        stack.createBucket(BUCKET);
        S3Settings settings = S3TestSupport.settings(stack);
        store = S3ObjectStore.create(settings);
        transfers = new ObjectTransfers(store, settings.transfer());
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @AfterEach
    void noUploadLeftBehind() {
        assertThat(store.listMultipartUploads(BUCKET, "")).isEmpty();
        assertThat(store.list(BUCKET, "")).noneMatch(k -> k.contains(ObjectUploadStream.PARTIAL_SUFFIX));
    }

    private static ObjectLocation at(String key) {
        return new ObjectLocation(BUCKET, key);
    }

    private static byte[] readAll(ObjectLocation location) throws IOException {
        ObjectInfo info = transfers.require(location);
        try (InputStream in = transfers.open(location, info)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 1000, S3TestSupport.PART - 1, S3TestSupport.PART, S3TestSupport.PART + 1,
            3 * S3TestSupport.PART + 17})
    void roundTripKeepsEveryByteAndStoresTheSha256(int size) throws IOException {
        byte[] data = S3TestSupport.bytes(size, size);
        ObjectLocation target = at("round/" + size + ".bin");
        StoredObject stored = transfers.upload(new ByteArrayInputStream(data), target, "application/octet-stream", Map.of());

        String expected = Sha256.of(data);
        assertThat(stored.sha256()).isEqualTo(expected);
        assertThat(stored.size()).isEqualTo(size);
        assertThat(stored.parts()).isEqualTo(Math.max(1, (size + S3TestSupport.PART - 1) / S3TestSupport.PART));
        assertThat(transfers.require(target).sha256()).contains(expected);
        assertThat(Sha256.of(readAll(target))).isEqualTo(expected);
        assertThat(transfers.verify(target).matches()).isTrue();
    }

    @Test
    void roundTripOfMoreThan100MegabytesInManyParallelParts() throws IOException {
        int size = 110 * TransferOptions.MIB + 123;
        byte[] data = S3TestSupport.bytes(size, 42);
        ObjectLocation target = at("big/110mb.bin");
        StoredObject stored = transfers.upload(new ByteArrayInputStream(data), target, "application/octet-stream", Map.of());

        assertThat(stored.parts()).isEqualTo(23);
        assertThat(stored.sha256()).isEqualTo(Sha256.of(data));
        // Read back through parallel ranged GETs.
        try (InputStream in = transfers.open(target, transfers.require(target))) {
            assertThat(in).isInstanceOf(RangedObjectInputStream.class);
            assertThat(Sha256.of(in.readAllBytes())).isEqualTo(stored.sha256());
        }
        store.delete(target);
    }

    @ParameterizedTest(name = "key {0}")
    @ValueSource(strings = {"with space/and  two.xml", "unicode/ünïcødé—ß/日本語.xml", "per%cent%2Fencoded",
            "plus+sign&amp=1?x#frag;semi", "emoji/😀.bin", "back\\slash", "dots.../..name", "tab\tand\u00a0nbsp",
            "<xml attr=\"&quot;\">"})
    void hostileKeysAreStoredAsDataAndReadBack(String key) throws IOException {
        byte[] data = ("payload for " + key).getBytes(StandardCharsets.UTF_8);
        ObjectLocation target = at(key);
        transfers.upload(new ByteArrayInputStream(data), target, "text/plain", Map.of());
        assertThat(store.list(BUCKET, key)).contains(key);
        assertThat(readAll(target)).isEqualTo(data);
        store.delete(target);
    }

    /**
     * Keys with '.'/'..' segments, '//' or a trailing '/' are valid S3 keys (AWS stores them), but
     * s3proxy's HTTP layer rejects or reinterprets such paths. Against it they must fail cleanly:
     * an error naming the object, nothing stored, no upload left.
     */
    @ParameterizedTest(name = "key {0}")
    @ValueSource(strings = {"../../etc/passwd", "a/./b/../c", "/leading/slash", "double//slash"})
    void dotSegmentKeysEitherRoundTripOrFailCleanly(String key) throws IOException {
        byte[] data = ("payload for " + key).getBytes(StandardCharsets.UTF_8);
        ObjectLocation target = at(key);
        try {
            transfers.upload(new ByteArrayInputStream(data), target, "text/plain", Map.of());
            assertThat(readAll(target)).isEqualTo(data);
            store.delete(target);
        } catch (ObjectStoreException e) {
            assertThat(e).hasMessageContaining(target.toString());
        }
        assertThat(store.list(BUCKET, "")).noneMatch(k -> k.contains("passwd") || k.endsWith("/c") || k.contains("slash"));
    }

    @Test
    void veryLongKeyUsesAHashedPartialKeyForMultipart() throws IOException {
        String key = "long/" + "k".repeat(ObjectLocation.MAX_KEY_BYTES - 5);
        ObjectLocation target = at(key);
        assertThat(ObjectUploadStream.partialKeyFor(target).key()).hasSizeLessThan(200);
        byte[] data = S3TestSupport.bytes(S3TestSupport.PART + 10, 7);
        StoredObject stored = transfers.upload(new ByteArrayInputStream(data), target, "application/octet-stream", Map.of());
        assertThat(stored.parts()).isEqualTo(2);
        assertThat(readAll(target)).isEqualTo(data);
        store.delete(target);
    }

    @Test
    void keyLongerThanS3AllowsIsRejectedUpFront() {
        assertThatThrownBy(() -> at("x".repeat(ObjectLocation.MAX_KEY_BYTES + 1)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("1024");
    }

    @Test
    void failedPartIsRetriedAloneAndTheUploadSucceeds() throws IOException {
        FailingObjectStore failing = new FailingObjectStore(store).failPart(3, 1);
        ObjectTransfers flaky = new ObjectTransfers(failing, transfers.options());
        byte[] data = S3TestSupport.bytes(5 * S3TestSupport.PART, 3);
        ObjectLocation target = at("retry/out.bin");
        StoredObject stored = flaky.upload(new ByteArrayInputStream(data), target, "application/octet-stream", Map.of());

        assertThat(failing.partCalls.get()).isEqualTo(6); // 5 parts, part 3 twice
        assertThat(stored.sha256()).isEqualTo(Sha256.of(data));
        assertThat(readAll(target)).isEqualTo(data);
        store.delete(target);
    }

    @Test
    void partThatKeepsFailingLeavesNoObjectAndNoUpload() {
        FailingObjectStore failing = new FailingObjectStore(store).failPart(3, Integer.MAX_VALUE);
        ObjectTransfers broken = new ObjectTransfers(failing, transfers.options().withPartAttempts(2));
        byte[] data = S3TestSupport.bytes(8 * S3TestSupport.PART, 4);
        ObjectLocation target = at("broken/out.bin");

        assertThatThrownBy(() -> broken.upload(new ByteArrayInputStream(data), target, "application/octet-stream", Map.of()))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageContaining("part 3");
        assertThat(store.head(target)).isEmpty();
        assertThat(store.listMultipartUploads(BUCKET, "broken/")).isEmpty();
    }

    @Test
    void failedPublicationDeletesThePartialObject() {
        FailingObjectStore failing = new FailingObjectStore(store).failCopy();
        ObjectTransfers broken = new ObjectTransfers(failing, transfers.options());
        byte[] data = S3TestSupport.bytes(2 * S3TestSupport.PART, 5);
        ObjectLocation target = at("nocopy/out.bin");

        assertThatThrownBy(() -> broken.upload(new ByteArrayInputStream(data), target, "application/octet-stream", Map.of()))
                .hasMessageContaining("injected copy failure");
        assertThat(store.list(BUCKET, "nocopy/")).isEmpty();
    }

    @Test
    void closingWithoutCommitPublishesNothing() throws IOException {
        ObjectLocation target = at("discarded/out.bin");
        try (ObjectUploadStream out = transfers.create(target, "application/octet-stream")) {
            out.write(S3TestSupport.bytes(3 * S3TestSupport.PART, 6));
        }
        assertThat(store.list(BUCKET, "discarded/")).isEmpty();
    }

    /** A run killed mid-output leaves its uploads open (it cannot abort them); the next run to publish does. */
    @Test
    void publishingAbortsTheUploadsACrashedRunLeftOnTheSameOutputOnly() throws IOException {
        ObjectLocation target = at("crashed/out.bin");
        ObjectLocation neighbour = at("crashed/out.bin.2");
        PartChecksum checksum = transfers.options().partChecksum();
        store.startMultipart(ObjectUploadStream.partialKeyFor(target), Map.of(), "x/y", checksum);
        store.startMultipart(target, Map.of(), "x/y", checksum);
        String unrelated = store.startMultipart(ObjectUploadStream.partialKeyFor(neighbour), Map.of(), "x/y", checksum);

        byte[] data = S3TestSupport.bytes(2 * S3TestSupport.PART + 5, 11);
        transfers.upload(new ByteArrayInputStream(data), target, "x/y", Map.of());

        assertThat(readAll(target)).isEqualTo(data);
        assertThat(store.listMultipartUploads(BUCKET, "crashed/")).extracting(PendingUpload::uploadId).containsExactly(unrelated);
        store.abortMultipart(ObjectUploadStream.partialKeyFor(neighbour), unrelated);
        store.delete(target);
    }

    /** A writer whose upload was aborted under it fails with a retryable error, not "bad input", and publishes nothing. */
    @Test
    void aWriterWhoseUploadIsAbortedUnderItFailsRetryably() throws IOException {
        ObjectLocation target = at("aborted/out.bin");
        try (ObjectUploadStream out = transfers.create(target, "x/y")) {
            out.write(S3TestSupport.bytes(2 * S3TestSupport.PART, 12));
            for (PendingUpload open : store.listMultipartUploads(BUCKET, "aborted/")) {
                store.abortMultipart(at(open.key()), open.uploadId());
            }
            out.write(S3TestSupport.bytes(S3TestSupport.PART, 13));
            assertThatThrownBy(() -> out.commit(Map.of(), Sha256.of(new byte[0])))
                    .isInstanceOf(UploadGoneException.class).hasMessageContaining("multipart upload gone");
        }
        assertThat(store.list(BUCKET, "aborted/")).isEmpty();
    }

    @Test
    void largeObjectsArePublishedWithParallelPartCopies() throws IOException {
        ObjectTransfers copying = new ObjectTransfers(store,
                transfers.options().withMultipartCopy(S3TestSupport.PART, S3TestSupport.PART));
        byte[] data = S3TestSupport.bytes(3 * S3TestSupport.PART + 99, 8);
        ObjectLocation target = at("copied/out.bin");
        StoredObject stored = copying.upload(new ByteArrayInputStream(data), target, "application/octet-stream", Map.of());

        assertThat(transfers.require(target).sha256()).contains(Sha256.of(data));
        assertThat(stored.sha256()).isEqualTo(Sha256.of(data));
        assertThat(readAll(target)).isEqualTo(data);
        store.delete(target);
    }

    @Test
    void rewritingTheSameKeyReplacesIt() throws IOException {
        ObjectLocation target = at("again/out.bin");
        transfers.upload(new ByteArrayInputStream(S3TestSupport.bytes(2 * S3TestSupport.PART, 1)), target, "x/y", Map.of());
        byte[] second = S3TestSupport.bytes(2 * S3TestSupport.PART, 2);
        transfers.upload(new ByteArrayInputStream(second), target, "x/y", Map.of());
        assertThat(store.list(BUCKET, "again/")).containsExactly("again/out.bin");
        assertThat(readAll(target)).isEqualTo(second);
        store.delete(target);
    }

    @Test
    void verifyDetectsATamperedObject() throws IOException {
        ObjectLocation target = at("tamper/out.bin");
        StoredObject stored = transfers.upload(new ByteArrayInputStream(S3TestSupport.bytes(1000, 9)), target, "x/y", Map.of());
        try (S3Client raw = stack.client()) {
            // Same metadata, different bytes: what a corruption or a careless overwrite looks like.
            raw.putObject(r -> r.bucket(BUCKET).key(target.key()).metadata(Map.of("sha256", stored.sha256())),
                    RequestBody.fromBytes(S3TestSupport.bytes(1000, 10)));
        }
        VerifyResult result = transfers.verify(target);
        assertThat(result.storedSha256()).contains(stored.sha256());
        assertThat(result.actualSha256()).isNotEqualTo(stored.sha256());
        assertThat(result.matches()).isFalse();
        store.delete(target);
    }

    @ParameterizedTest(name = "{0}, S3_COMPAT={1}")
    @CsvSource({"CRC32C,true", "CRC32C,false", "CRC32,true", "CRC32,false", "SHA256,true", "SHA256,false"})
    void serverRejectsAPartWhoseChecksumIsWrong(PartChecksum algorithm, boolean compat) {
        S3Settings settings = S3TestSupport.settings(stack, Map.of("S3_COMPAT", String.valueOf(compat), "S3_PATH_STYLE", "true"));
        ObjectLocation target = at("checksum/out-" + algorithm + "-" + compat + ".bin");
        try (S3ObjectStore modeStore = S3ObjectStore.create(settings)) {
            String uploadId = modeStore.startMultipart(target, Map.of(), "x/y", algorithm);
            try {
                byte[] data = S3TestSupport.bytes(1000, 11);
                PartChecksum.Value wrong = algorithm.of(S3TestSupport.bytes(1000, 12), 1000);
                assertThatThrownBy(() -> modeStore.uploadPart(target, uploadId, 1, data, data.length, wrong))
                        .isInstanceOf(ObjectStoreException.class);
                // The same part with its own checksum goes through: the rejection was the checksum's doing.
                assertThat(modeStore.uploadPart(target, uploadId, 1, data, data.length, algorithm.of(data, data.length))
                        .eTag()).isNotBlank();
            } finally {
                modeStore.abortMultipart(target, uploadId);
            }
        }
    }

    @ParameterizedTest(name = "{0}, S3_COMPAT={1}")
    @CsvSource({"CRC32C,true", "CRC32C,false", "CRC32,true", "CRC32,false", "SHA256,true", "SHA256,false"})
    void everyPartChecksumWorksInCompatAndAwsMode(PartChecksum algorithm, boolean compat) throws IOException {
        // AWS mode declares the algorithm at CreateMultipartUpload and lists every part's value at completion
        // (the server then checks the list against the parts); compat mode only sends each part's header.
        S3Settings settings = S3TestSupport.settings(stack, Map.of("S3_COMPAT", String.valueOf(compat),
                "S3_PATH_STYLE", "true", "S3_PART_CHECKSUM", algorithm.name().toLowerCase(Locale.ROOT)));
        assertThat(settings.transfer().partChecksum()).isEqualTo(algorithm);
        byte[] data = S3TestSupport.bytes(2 * S3TestSupport.PART + 99, 21);
        ObjectLocation target = at("algorithms/" + algorithm + "-" + compat + ".bin");
        try (S3ObjectStore other = S3ObjectStore.create(settings); S3Client raw = stack.client()) {
            ObjectTransfers otherTransfers = new ObjectTransfers(other, settings.transfer());
            StoredObject stored = otherTransfers.upload(new ByteArrayInputStream(data), target, "x/y", Map.of());
            assertThat(stored.parts()).isEqualTo(3);
            assertThat(stored.sha256()).isEqualTo(Sha256.of(data));
            assertThat(otherTransfers.verify(target).matches()).isTrue();
            // Published through parallel part copies too (threshold 0), whose upload declares the same algorithm.
            ObjectTransfers copying = new ObjectTransfers(other,
                    settings.transfer().withMultipartCopy(0, TransferOptions.MIN_PART_SIZE));
            copying.upload(new ByteArrayInputStream(data), target, "x/y", Map.of());
            assertThat(copying.verify(target).matches()).isTrue();

            // The parts' checksums as the server keeps them for the assembled object.
            ObjectLocation direct = at("algorithms/direct-" + algorithm + "-" + compat + ".bin");
            String id = other.startMultipart(direct, Map.of(), "x/y", algorithm);
            byte[] first = S3TestSupport.bytes(S3TestSupport.PART, 22);
            byte[] second = S3TestSupport.bytes(10, 23);
            other.completeMultipart(direct, id, List.of(
                    other.uploadPart(direct, id, 1, first, first.length, algorithm.of(first, first.length)),
                    other.uploadPart(direct, id, 2, second, second.length, algorithm.of(second, second.length))));
            var head = raw.headObject(r -> r.bucket(BUCKET).key(direct.key()).checksumMode(ChecksumMode.ENABLED));
            String kept = switch (algorithm) {
                case CRC32C -> head.checksumCRC32C();
                case CRC32 -> head.checksumCRC32();
                case SHA256 -> head.checksumSHA256();
            };
            if (compat) {
                assertThat(kept).isNull(); // nothing declared, nothing kept: each part was still checked on arrival
            } else {
                // S3's composite form: the checksum of the parts' checksums, "-" and the part count.
                byte[] one = Base64.getDecoder().decode(algorithm.of(first, first.length).base64());
                byte[] two = Base64.getDecoder().decode(algorithm.of(second, second.length).base64());
                byte[] both = Arrays.copyOf(one, one.length + two.length);
                System.arraycopy(two, 0, both, one.length, two.length);
                assertThat(kept).isEqualTo(algorithm.of(both, both.length).base64() + "-2");
            }
            store.delete(direct);
        }
        store.delete(target);
    }

    @Test
    void serverRejectsAPutWhoseChecksumIsWrong() {
        // Bodies with a checksum header are signed UNSIGNED-PAYLOAD (ChecksummedBodySigner): the server's check of the
        // checksum is what guards them, here for a single PutObject as above for a part.
        ObjectLocation target = at("checksum/single.bin");
        byte[] data = S3TestSupport.bytes(1000, 13);
        String wrong = PartChecksum.SHA256.of(S3TestSupport.bytes(1000, 14), 1000).base64();
        assertThatThrownBy(() -> store.put(target, data, data.length, wrong, Map.of(), "x/y"))
                .isInstanceOf(ObjectStoreException.class);
        assertThat(store.head(target)).isEmpty();
    }

    @Test
    void readFailsWhenTheObjectIsReplacedMidway() throws IOException {
        ObjectLocation target = at("moving/out.bin");
        transfers.upload(new ByteArrayInputStream(S3TestSupport.bytes(3 * S3TestSupport.PART, 13)), target, "x/y", Map.of());
        ObjectInfo info = transfers.require(target);
        try (InputStream in = new RangedObjectInputStream(store, target, info, transfers.options().withParallelism(1))) {
            assertThat(in.read()).isNotNegative();
            transfers.upload(new ByteArrayInputStream(S3TestSupport.bytes(3 * S3TestSupport.PART, 14)), target, "x/y", Map.of());
            assertThatThrownBy(in::readAllBytes).isInstanceOf(ObjectChangedException.class);
        }
        store.delete(target);
    }

    @Test
    void missingObjectIsReportedAsBadInput() {
        assertThatThrownBy(() -> transfers.verify(at("nothing/here")))
                .isInstanceOf(ObjectNotFoundException.class).hasMessageContaining("s3://transfers/nothing/here");
        assertThatThrownBy(() -> transfers.verify(new ObjectLocation("no-such-bucket", "k")))
                .isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void uploadsAndDownloadsFilesInsideTheFolderOnly(@TempDir Path dir) throws IOException {
        byte[] data = S3TestSupport.bytes(2 * S3TestSupport.PART + 5, 15);
        Path source = dir.resolve("source.bin");
        Files.write(source, data);
        ObjectLocation target = at("files/sub/out.bin");
        StoredObject stored = transfers.uploadFile(source, target, "application/octet-stream");
        assertThat(stored.sha256()).isEqualTo(Sha256.of(data));

        Path downloads = Files.createDirectory(dir.resolve("downloads"));
        Path file = transfers.downloadFile(target, downloads);
        assertThat(file).isEqualTo(downloads.resolve("files/sub/out.bin"));
        assertThat(Files.readAllBytes(file)).isEqualTo(data);

        // The key is checked before anything is fetched: a hostile key is bad input, not "not found".
        for (String key : new String[] {"../../escape.bin", "/etc/escape.bin", "a/../../escape.bin", "nul\0.bin"}) {
            assertThatThrownBy(() -> transfers.downloadFile(at(key), downloads))
                    .isInstanceOf(BadInputException.class)
                    .isNotInstanceOf(ObjectNotFoundException.class);
        }
        assertThat(dir.resolve("escape.bin")).doesNotExist();
        assertThat(dir.getParent().resolve("escape.bin")).doesNotExist();
        store.delete(target);
    }
}
