package com.productflow.stack.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/** The store's "Object Created" events, through the S3 API as clients write (put, copy, multipart upload). */
class ObjectCreatedEventsTest {
    @Test
    void everyWayOfCreatingAnObjectIsReportedOnceWithWhatWasStored() {
        List<S3Stack.ObjectCreated> events = new CopyOnWriteArrayList<>();
        try (S3Stack stack = S3Stack.startTransient(); S3Client s3 = stack.client()) {
            stack.createBucket("input");
            stack.onObjectCreated(events::add);

            String first = s3.putObject(r -> r.bucket("input").key("a.json"), RequestBody.fromString("[1]")).eTag();
            // An overwrite: a second event.
            String second = s3.putObject(r -> r.bucket("input").key("a.json"), RequestBody.fromString("[1, 2]")).eTag();
            s3.copyObject(r -> r.sourceBucket("input").sourceKey("a.json").destinationBucket("input").destinationKey("copy.json"));
            String upload = s3.createMultipartUpload(r -> r.bucket("input").key("big.json")).uploadId();
            String part = s3.uploadPart(r -> r.bucket("input").key("big.json").uploadId(upload).partNumber(1),
                    RequestBody.fromString("[3]")).eTag();
            assertThat(events).as("an open multipart upload is not an object yet").hasSize(3);
            s3.completeMultipartUpload(r -> r.bucket("input").key("big.json").uploadId(upload)
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(part).build())));

            assertThat(events).extracting(S3Stack.ObjectCreated::key).containsExactly("a.json", "a.json", "copy.json", "big.json");
            assertThat(events).extracting(S3Stack.ObjectCreated::size).containsExactly(3L, 6L, 6L, 3L);
            assertThat(events).extracting(S3Stack.ObjectCreated::bucket).containsOnly("input");
            String multipart = s3.headObject(r -> r.bucket("input").key("big.json")).eTag();
            assertThat(events).extracting(e -> e.eTag().replace("\"", ""))
                    .containsExactly(first.replace("\"", ""), second.replace("\"", ""), second.replace("\"", ""),
                            multipart.replace("\"", ""));
        }
    }

    @Test
    void aFailedWriteIsNotReported() {
        List<S3Stack.ObjectCreated> events = new CopyOnWriteArrayList<>();
        try (S3Stack stack = S3Stack.startTransient(); S3Client s3 = stack.client()) {
            stack.onObjectCreated(events::add);
            assertThatThrownBy(() -> s3.putObject(r -> r.bucket("missing").key("a.json"), RequestBody.fromString("[1]")))
                    .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
            assertThat(events).isEmpty();
        }
    }

    /**
     * Writers racing on a key: each event is reported before any later write of its key is stored (S3's per-key
     * order), so a listener that looks (after a pause) always finds the version it was told of.
     */
    @Test
    void racingWritesOfAKeyAreReportedInTheOrderTheyWereStored() throws Exception {
        List<String> outOfOrder = new CopyOnWriteArrayList<>();
        try (S3Stack stack = S3Stack.startTransient(); S3Client s3 = stack.client()) {
            stack.createBucket("input");
            stack.onObjectCreated(e -> {
                java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.ThreadLocalRandom.current().nextLong(3_000_000));
                String now = s3.headObject(r -> r.bucket(e.bucket()).key(e.key())).eTag().replace("\"", "");
                if (!now.equals(e.eTag().replace("\"", ""))) {
                    outOfOrder.add(e.key() + ": told of " + e.eTag() + " while it holds " + now);
                }
            });
            var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                List<java.util.concurrent.Future<?>> writes = new java.util.ArrayList<>();
                for (int i = 0; i < 80; i++) {
                    String key = "k" + (i % 2) + ".json";
                    String body = "[" + i + "]";
                    writes.add(pool.submit(() -> s3.putObject(r -> r.bucket("input").key(key), RequestBody.fromString(body))));
                }
                for (var write : writes) {
                    write.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(outOfOrder).isEmpty();
        }
    }
}
