package com.productflow.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.productflow.common.io.Sha256;
import com.productflow.stack.s3.S3Stack;
import com.productflow.testsupport.LocalServer;
import com.productflow.testsupport.MotoServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads pinned to a version and conditional writes, against moto's server (versioned buckets, enforced
 * If-Match / If-None-Match), and what s3proxy does with the same headers (the local stack's S3: which
 * ones it checks is pinned here, as the README documents it). Skips, loudly, when moto is not installed.
 */
class VersionsAndConditionalWritesTest {
    @RegisterExtension
    static final LocalServer<MotoServer> MOTO = LocalServer.moto("versioned reads and enforced conditional writes");
    private static S3Client motoClient;
    private static S3ObjectStore store;

    @BeforeAll
    static void connect() {
        motoClient = MOTO.get().client();
        store = new S3ObjectStore(motoClient, false);
    }

    @AfterAll
    static void disconnect() {
        if (motoClient != null) {
            motoClient.close();
        }
    }

    private static String bucket() {
        String bucket = "v-" + UUID.randomUUID().toString().substring(0, 8);
        MOTO.get().createVersionedBucket(bucket);
        return bucket;
    }

    private static String put(String bucket, String key, byte[] body) {
        return motoClient.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(body)).versionId();
    }

    @Test
    void readsOfARecordedVersionReturnItsBytesAfterAnOverwrite() throws Exception {
        String bucket = bucket();
        ObjectLocation location = new ObjectLocation(bucket, "incoming/feed.jsonl");
        byte[] first = S3TestSupport.bytes(3 * S3TestSupport.PART + 17, 1);
        byte[] second = "{\"small\":true}\n".getBytes(StandardCharsets.UTF_8);
        String v1 = put(bucket, location.key(), first);
        String v2 = put(bucket, location.key(), second);
        assertThat(v1).isNotEqualTo(v2);

        ObjectTransfers ranged = new ObjectTransfers(store, new TransferOptions(S3TestSupport.PART, 4, 3,
                TransferOptions.DEFAULT_MULTIPART_COPY_THRESHOLD, TransferOptions.DEFAULT_COPY_PART_SIZE));
        ObjectInfo info = ranged.require(location, v1);
        assertThat(info.versionId()).isEqualTo(v1);
        assertThat(info.size()).isEqualTo(first.length);
        try (InputStream in = ranged.open(location, info)) {
            assertThat(Sha256.of(in.readAllBytes())).as("parallel ranged reads of version 1").isEqualTo(Sha256.of(first));
        }
        ObjectTransfers single = new ObjectTransfers(store, TransferOptions.defaults());
        try (InputStream in = single.open(location, single.require(location, v1))) {
            assertThat(in.readAllBytes()).as("one GET of version 1").isEqualTo(first);
        }
        assertThat(store.head(location).orElseThrow().versionId()).isEqualTo(v2);
        assertThatThrownBy(() -> ranged.require(location, "no-such-version")).isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining("no-such-version");
    }

    @Test
    void putIfMatchAndIfNoneMatchAreEnforced() {
        String bucket = bucket();
        ObjectLocation out = new ObjectLocation(bucket, "xml/feed.xml");
        byte[] a = "<a/>".getBytes(StandardCharsets.UTF_8);
        byte[] b = "<b/>".getBytes(StandardCharsets.UTF_8);
        store.put(out, a, a.length, Checksums.hexToBase64(Sha256.of(a)), Map.of(), "application/xml", WriteCondition.ifAbsent());
        String seen = store.head(out).orElseThrow().eTag();

        assertThatThrownBy(() -> store.put(out, b, b.length, Checksums.hexToBase64(Sha256.of(b)), Map.of(), "application/xml",
                WriteCondition.ifAbsent())).isInstanceOf(ConditionalWriteException.class).hasMessageContaining("xml/feed.xml");
        store.put(out, b, b.length, Checksums.hexToBase64(Sha256.of(b)), Map.of(), "application/xml", WriteCondition.ifMatch(seen));
        assertThatThrownBy(() -> store.put(out, a, a.length, Checksums.hexToBase64(Sha256.of(a)), Map.of(), "application/xml",
                WriteCondition.ifMatch(seen))).as("the key changed since the writer looked").isInstanceOf(ConditionalWriteException.class);
        assertThat(motoClient.getObjectAsBytes(r -> r.bucket(bucket).key(out.key())).asByteArray()).isEqualTo(b);
    }

    @Test
    void aRefusedCommitPublishesNothingAndLeavesNoUpload() throws Exception {
        String bucket = bucket();
        ObjectLocation out = new ObjectLocation(bucket, "xml/race.xml");
        ObjectTransfers transfers = new ObjectTransfers(store, TransferOptions.defaults());
        Optional<ObjectInfo> before = store.head(out);
        transfers.upload(new java.io.ByteArrayInputStream("<newer/>".getBytes(StandardCharsets.UTF_8)), out, "application/xml", Map.of());

        try (ObjectUploadStream stream = transfers.create(out, "application/xml")) {
            stream.write("<older/>".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> stream.commit(Map.of(), Sha256.of("<older/>".getBytes(StandardCharsets.UTF_8)),
                    WriteCondition.unchangedSince(before)))
                    .isInstanceOf(ConditionalWriteException.class);
        }
        assertThat(motoClient.getObjectAsBytes(r -> r.bucket(bucket).key(out.key())).asUtf8String()).isEqualTo("<newer/>");

        // Larger than a part: assembled under the partial key, published by a conditional CompleteMultipartUpload.
        ObjectTransfers parts = new ObjectTransfers(store, new TransferOptions(S3TestSupport.PART, 2, 3,
                TransferOptions.DEFAULT_MULTIPART_COPY_THRESHOLD, TransferOptions.DEFAULT_COPY_PART_SIZE));
        try (ObjectUploadStream stream = parts.create(out, "application/xml")) {
            byte[] big = S3TestSupport.bytes(S3TestSupport.PART + 10, 5);
            stream.write(big);
            assertThatThrownBy(() -> stream.commit(Map.of(), Sha256.of(big), WriteCondition.ifAbsent()))
                    .isInstanceOf(ConditionalWriteException.class);
        }
        assertThat(motoClient.getObjectAsBytes(r -> r.bucket(bucket).key(out.key())).asUtf8String()).isEqualTo("<newer/>");
        assertThat(store.head(ObjectUploadStream.partialKeyFor(out))).as("partial key cleaned up").isEmpty();
        assertThat(store.listMultipartUploads(bucket, "")).isEmpty();
    }

    /** What s3proxy (the local stack's S3) does with each conditional write: the local gap the README documents. */
    @Test
    void s3proxyChecksPutAndCompleteConditionsButNotCopyObjects() throws Exception {
        try (S3Stack local = S3Stack.startTransient(); S3Client client = local.client()) {
            local.createBucket("gap");
            S3ObjectStore proxy = new S3ObjectStore(client, false);
            ObjectLocation out = new ObjectLocation("gap", "k.xml");
            byte[] a = "<a/>".getBytes(StandardCharsets.UTF_8);
            String sha = Checksums.hexToBase64(Sha256.of(a));
            proxy.put(out, a, a.length, sha, Map.of(), "application/xml", WriteCondition.NONE);
            StringBuilder report = new StringBuilder();
            report.append("put If-Match stale: ").append(refused(() -> proxy.put(out, a, a.length, sha, Map.of(), "application/xml",
                    WriteCondition.ifMatch("\"00000000000000000000000000000000\""))));
            report.append("; put If-None-Match on existing: ").append(refused(() -> proxy.put(out, a, a.length, sha, Map.of(),
                    "application/xml", WriteCondition.ifAbsent())));
            ObjectLocation src = new ObjectLocation("gap", "src.xml");
            proxy.put(src, a, a.length, sha, Map.of(), "application/xml", WriteCondition.NONE);
            report.append("; copy If-None-Match on existing: ").append(refused(() -> proxy.copy(src, null, out, Map.of(),
                    "application/xml", WriteCondition.ifAbsent())));
            report.append("; copy If-Match stale: ").append(refused(() -> proxy.copy(src, null, out, Map.of(),
                    "application/xml", WriteCondition.ifMatch("\"00000000000000000000000000000000\""))));
            ObjectTransfers transfers = new ObjectTransfers(proxy, new TransferOptions(S3TestSupport.PART, 2, 3, 0,
                    TransferOptions.DEFAULT_COPY_PART_SIZE));
            report.append("; multipart-copy complete If-None-Match on existing: ").append(refused(() -> {
                try (ObjectUploadStream stream = transfers.create(out, "application/xml")) {
                    byte[] big = S3TestSupport.bytes(S3TestSupport.PART + 1, 3);
                    stream.write(big);
                    stream.commit(Map.of(), Sha256.of(big), WriteCondition.ifAbsent());
                }
            }));
            report.append("; multipart-copy complete If-Match stale: ").append(refused(() -> {
                try (ObjectUploadStream stream = transfers.create(out, "application/xml")) {
                    byte[] big = S3TestSupport.bytes(S3TestSupport.PART + 1, 4);
                    stream.write(big);
                    stream.commit(Map.of(), Sha256.of(big), WriteCondition.ifMatch("\"00000000000000000000000000000000\""));
                }
            }));
            // s3proxy 4.1 checks PutObject's and CompleteMultipartUpload's conditions (not atomically with the
            // write, as far as its code shows) but ignores CopyObject's destination conditions: that is why a
            // conditional publication never uses CopyObject (ObjectUploadStream).
            assertThat(report.toString()).isEqualTo("put If-Match stale: refused; put If-None-Match on existing: refused;"
                    + " copy If-None-Match on existing: written; copy If-Match stale: written;"
                    + " multipart-copy complete If-None-Match on existing: refused; multipart-copy complete If-Match stale: refused");
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static String refused(Call call) {
        try {
            call.run();
            return "written";
        } catch (ConditionalWriteException e) {
            return "refused";
        } catch (Exception e) {
            return "error " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
