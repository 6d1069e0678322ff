package com.productflow.stack.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class S3StackTest {
    private static S3Client client(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(S3Stack.REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3Stack.ACCESS_KEY, S3Stack.SECRET_KEY)))
                .build();
    }

    @Test
    void servesObjectsOnLoopbackAndStops() {
        URI endpoint;
        try (S3Stack stack = S3Stack.startTransient(); S3Client s3 = client(stack.endpoint())) {
            endpoint = stack.endpoint();
            assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
            stack.createBucket("bucket");
            s3.putObject(r -> r.bucket("bucket").key("k"), RequestBody.fromString("hello"));
            assertThat(s3.getObjectAsBytes(r -> r.bucket("bucket").key("k")).asString(StandardCharsets.UTF_8))
                    .isEqualTo("hello");
        }
        try (S3Client s3 = client(endpoint)) {
            assertThatThrownBy(() -> s3.listBuckets()).isInstanceOf(Exception.class);
        }
    }

    @Test
    void filesystemStoreKeepsObjectsAcrossRestart(@TempDir Path dir) {
        int port;
        try (S3Stack stack = S3Stack.startFilesystem(dir); S3Client s3 = client(stack.endpoint())) {
            port = stack.port();
            stack.createBucket("bucket");
            s3.putObject(r -> r.bucket("bucket").key("kept"), RequestBody.fromString("still here"));
        }
        try (S3Stack stack = S3Stack.startFilesystem(dir, port); S3Client s3 = client(stack.endpoint())) {
            assertThat(s3.getObjectAsBytes(r -> r.bucket("bucket").key("kept")).asUtf8String()).isEqualTo("still here");
        }
    }

    /** As {@code local --data-dir} restarts it: on a new port, with an upload still open from before. */
    @Test
    void objectsAndAnOpenMultipartUploadSurviveARestartOnANewPort(@TempDir Path dir) {
        byte[] part = new byte[5 << 20];
        java.util.Arrays.fill(part, (byte) 'a');
        int port;
        String uploadId;
        try (S3Stack stack = S3Stack.startFilesystem(dir); S3Client s3 = client(stack.endpoint())) {
            port = stack.port();
            stack.createBucketIfMissing("bucket");
            s3.putObject(r -> r.bucket("bucket").key("kept.json"), RequestBody.fromString("{}"));
            uploadId = s3.createMultipartUpload(r -> r.bucket("bucket").key("big.json")).uploadId();
            s3.uploadPart(r -> r.bucket("bucket").key("big.json").uploadId(uploadId).partNumber(1), RequestBody.fromBytes(part));
        }
        try (java.net.ServerSocket taken = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress());
             S3Stack stack = S3Stack.startFilesystem(dir); S3Client s3 = client(stack.endpoint())) {
            assertThat(stack.port()).isNotEqualTo(port);
            stack.createBucketIfMissing("bucket"); // there already: not an error
            assertThat(s3.getObjectAsBytes(r -> r.bucket("bucket").key("kept.json")).asUtf8String()).isEqualTo("{}");
            assertThat(s3.listMultipartUploads(r -> r.bucket("bucket")).uploads())
                    .extracting(u -> u.uploadId()).containsExactly(uploadId);
            String second = s3.uploadPart(r -> r.bucket("bucket").key("big.json").uploadId(uploadId).partNumber(2),
                    RequestBody.fromString("tail")).eTag();
            String first = s3.listParts(r -> r.bucket("bucket").key("big.json").uploadId(uploadId)).parts().get(0).eTag();
            s3.completeMultipartUpload(r -> r.bucket("bucket").key("big.json").uploadId(uploadId).multipartUpload(m -> m.parts(
                    p -> p.partNumber(1).eTag(first), p -> p.partNumber(2).eTag(second))));
            assertThat(s3.headObject(r -> r.bucket("bucket").key("big.json")).contentLength()).isEqualTo(part.length + 4L);
            assertThat(s3.listMultipartUploads(r -> r.bucket("bucket")).uploads()).isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A kill between s3proxy's two records of an upload (its store's stub, listed; the front end's, which abort and
     * complete need) leaves an upload listed forever that abort answers NoSuchUpload to. The next start removes it,
     * and keeps a whole upload.
     */
    @Test
    void anUploadACrashLeftHalfRecordedIsRemovedAtTheNextStartAndAWholeOneIsKept(@TempDir Path dir) throws Exception {
        String torn;
        String whole;
        try (S3Stack stack = S3Stack.startFilesystem(dir); S3Client s3 = client(stack.endpoint())) {
            stack.createBucket("bucket");
            torn = s3.createMultipartUpload(r -> r.bucket("bucket").key("in/torn.json")).uploadId();
            s3.uploadPart(r -> r.bucket("bucket").key("in/torn.json").uploadId(torn).partNumber(1), RequestBody.fromString("part"));
            whole = s3.createMultipartUpload(r -> r.bucket("bucket").key("in/whole.json")).uploadId();
        }
        Path frontEndStub = dir.resolve("bucket").resolve(TornMultipartUploads.FRONT_END_STUB_PREFIX + torn);
        assertThat(frontEndStub).exists();
        java.nio.file.Files.delete(frontEndStub); // what the kill did not get to write
        List<String> storeFiles;
        try (Stream<Path> files = java.nio.file.Files.walk(dir)) {
            storeFiles = files.map(p -> dir.relativize(p).toString()).filter(name -> name.contains(torn)).toList();
        }
        assertThat(storeFiles).as("the torn upload's stub and part on disk").hasSizeGreaterThanOrEqualTo(2);

        try (S3Stack stack = S3Stack.startFilesystem(dir); S3Client s3 = client(stack.endpoint())) {
            assertThat(s3.listMultipartUploads(r -> r.bucket("bucket")).uploads())
                    .extracting(u -> u.uploadId()).containsExactly(whole);
            s3.abortMultipartUpload(r -> r.bucket("bucket").key("in/whole.json").uploadId(whole));
            assertThat(s3.listMultipartUploads(r -> r.bucket("bucket")).uploads()).isEmpty();
        }
        try (Stream<Path> files = java.nio.file.Files.walk(dir)) {
            assertThat(files.map(p -> dir.relativize(p).toString()).filter(name -> name.contains(torn)))
                    .as("files of the removed upload").isEmpty();
        }
    }

    /**
     * s3proxy writes an object to {@code <name>-<UUID>} and renames it; a kill before the rename leaves a file it lists
     * as an object no client wrote. The next start moves such files aside (never deletes them) and keeps every real
     * object, including one under s3proxy's hidden entries that happens to look alike.
     */
    @Test
    void anObjectWriteACrashCutShortIsMovedAsideAtTheNextStart(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("s3");
        try (S3Stack stack = S3Stack.startFilesystem(store); S3Client s3 = client(stack.endpoint())) {
            stack.createBucket("bucket");
            s3.putObject(r -> r.bucket("bucket").key("out/p.json.xml"), RequestBody.fromString("<whole/>"));
        }
        String tornName = "p.json.xml-c523defd-1c60-4fd7-a23d-c394eae156c1";
        java.nio.file.Files.writeString(store.resolve("bucket/out").resolve(tornName), "<half");
        Path hidden = store.resolve("bucket/.s3proxy-versions/" + tornName);
        java.nio.file.Files.createDirectories(hidden.getParent());
        java.nio.file.Files.writeString(hidden, "s3proxy's own");

        try (S3Stack stack = S3Stack.startFilesystem(store); S3Client s3 = client(stack.endpoint())) {
            assertThat(s3.listObjectsV2(r -> r.bucket("bucket").prefix("out/")).contents())
                    .extracting(o -> o.key()).containsExactly("out/p.json.xml");
            assertThat(s3.getObjectAsBytes(r -> r.bucket("bucket").key("out/p.json.xml")).asUtf8String()).isEqualTo("<whole/>");
        }
        assertThat(dir.resolve("s3-torn-writes/bucket/out").resolve(tornName)).hasContent("<half");
        assertThat(hidden).hasContent("s3proxy's own");
    }

    @Test
    void rejectsWrongCredentials() {
        try (S3Stack stack = S3Stack.startTransient();
                S3Client s3 = S3Client.builder()
                        .endpointOverride(stack.endpoint())
                        .region(Region.of(S3Stack.REGION))
                        .forcePathStyle(true)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y")))
                        .build()) {
            stack.createBucket("bucket");
            assertThatThrownBy(() -> s3.listObjectsV2(r -> r.bucket("bucket"))).hasMessageContaining("403");
        }
    }
}
