package com.productflow.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productflow.stack.sfn.Execution;
import com.productflow.stack.sfn.ExecutionStatus;
import com.productflow.state.ClaimResult;
import com.productflow.state.FileId;
import com.productflow.state.FileRecord;
import com.productflow.state.FileStatus;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Failures that only RedriveFunction resolves, end to end: a worker that died mid-conversion (its lease
 * expires, its multipart upload is never completed) is redriven and produces exactly the output a clean
 * run produces, and no partial object is ever visible in the output bucket.
 */
class RedriveEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * s3proxy's file-system store writes every object to "KEY-UUID" and renames it, and lists that temp
     * file (without an ETag) meanwhile: a quirk of the local server, never of S3, so not counted here.
     */
    private static final java.util.regex.Pattern S3PROXY_TEMP = java.util.regex.Pattern.compile(".*-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
    private static LocalSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = LocalSystem.start(LocalOptions.defaults().withRetryInterval(Duration.ofMillis(20)).withLog(LocalLog.silent()));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aWorkerKilledMidConversionIsRedrivenToTheSameOutputWithNothingPartialEverVisible() throws Exception {
        String in = system.inputBucket();
        String out = system.outputBucket();
        byte[] body = E2e.sampleArray();

        // The reference: the same content through a clean run.
        FileId clean = E2e.put(system.s3(), in, "clean/feed.json", body);
        assertThat(system.awaitExecution(clean, 1, WAIT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        String cleanSha = system.state().get(clean).orElseThrow().outputSha256();

        // The victim sits in a bucket nobody watches, so only the dead worker and redrive touch it.
        String side = "unwatched-input";
        system.s3().createBucket(b -> b.bucket(side));
        FileId victim = E2e.put(system.s3(), side, "killed/feed.json", body);
        system.state().register(victim, E2e.sha256(body), body.length, 3);
        ClaimResult claim = system.state().claim(victim, "dead-worker", Duration.ofMillis(300), "dead-worker");
        assertThat(claim).isInstanceOf(ClaimResult.Claimed.class);
        String outputKey = "xml/killed/feed.json.xml";
        // What the worker had written when it died: one part of a multipart upload, never completed.
        String upload = system.s3().createMultipartUpload(b -> b.bucket(out).key(outputKey)).uploadId();
        system.s3().uploadPart(b -> b.bucket(out).key(outputKey).uploadId(upload).partNumber(1),
                RequestBody.fromBytes(Arrays.copyOf(body, body.length / 2)));

        Set<String> seenEtags = ConcurrentHashMap.newKeySet();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread observer = new Thread(() -> {
            while (watching.get()) {
                for (S3Object o : system.s3().listObjectsV2(b -> b.bucket(out).prefix("xml/killed/")).contents()) {
                    if (!S3PROXY_TEMP.matcher(o.key()).matches()) {
                        seenEtags.add(o.key() + " " + o.eTag());
                    }
                }
                Thread.onSpinWait();
            }
        });
        observer.start();
        try {
            Thread.sleep(400); // the lease runs out; the worker never comes back
            LambdaInvoker.Result redrive = system.lambda().invoke(LocalSystem.REDRIVE, "{}", WAIT);
            assertThat(redrive.ok()).as(redrive.body()).isTrue();
            JsonNode summary = JSON.readTree(redrive.body());
            assertThat(summary.path("expiredRestarted").asInt()).isGreaterThanOrEqualTo(1);

            Execution redriven = system.awaitExecution(victim, 2, WAIT);
            assertThat(redriven.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        } finally {
            watching.set(false);
            observer.join();
        }

        FileRecord record = system.state().get(victim).orElseThrow();
        assertThat(record.status()).isEqualTo(FileStatus.COMPLETED);
        assertThat(record.attempts()).isEqualTo(2);
        assertThat(record.outputSha256()).isEqualTo(cleanSha);
        byte[] xml = E2e.get(system.s3(), out, outputKey);
        assertThat(E2e.sha256(xml)).isEqualTo(cleanSha);
        String finalEtag = system.s3().headObject(b -> b.bucket(out).key(outputKey)).eTag();
        // Only the finished object was ever listed: never the dead worker's part, never a half-written one.
        assertThat(seenEtags).containsExactly(outputKey + " " + finalEtag);
    }
}
