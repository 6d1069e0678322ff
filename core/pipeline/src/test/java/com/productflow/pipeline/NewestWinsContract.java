package com.productflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.productflow.common.io.Sha256;
import com.productflow.convert.ConversionOptions;
import com.productflow.stack.dynamo.Dynalite;
import com.productflow.state.FileId;
import com.productflow.state.FileRecord;
import com.productflow.state.FileStatus;
import com.productflow.state.Sequencer;
import com.productflow.state.dynamo.DynamoClients;
import com.productflow.state.dynamo.DynamoFileStateStore;
import com.productflow.state.dynamo.StateTables;
import com.productflow.storage.ObjectLocation;
import com.productflow.storage.ObjectTransfers;
import com.productflow.storage.S3ObjectStore;
import com.productflow.storage.TransferOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * "The newest upload wins", with the races forced by {@link FileConversionJob.RaceHook} instead of luck:
 * whatever order the executions of several versions of one key finish in, the output is the newest
 * version's conversion and its SHA-256 is in the newest record (COMPLETED); the older records are
 * SUPERSEDED, none FAILED or QUARANTINED, and none counts in an alarmed metric. Run against a versioned
 * S3 (moto) and the local stack's s3proxy (no versions).
 */
abstract class NewestWinsContract {
    private static final String KEY = "incoming/feed.jsonl";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final AtomicLong sequencer = new AtomicLong(0x55AED6DCD90281E0L);
    private final Map<FileId, CountDownLatch> heldBeforeCheck = new ConcurrentHashMap<>();
    private final Map<FileId, CountDownLatch> heldBeforeWrite = new ConcurrentHashMap<>();
    private final Map<FileId, CountDownLatch> reached = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final List<OutcomeRecorder.Recorded> outcomes = new ArrayList<>();
    private DynamoDbClient dynamo;
    private DynamoFileStateStore state;
    private ObjectTransfers transfers;
    private String input;
    private String output;
    private final boolean versioned;
    private S3Client s3;

    /** {@code versioned}: whether the server under test keeps versions (events then carry version ids). */
    NewestWinsContract(boolean versioned) {
        this.versioned = versioned;
    }

    /** A new S3 client of the server under test (the server is a {@code LocalServer} of the subclass). */
    protected abstract S3Client newClient();

    /** Creates a bucket as the deployment has it (versioned where the server can). */
    protected abstract void createBucket(String name);

    @BeforeEach
    void fresh() {
        s3 = newClient();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        input = "in-" + suffix;
        output = "out-" + suffix;
        createBucket(input);
        createBucket(output);
        dynamo = DynamoClients.local(Dynalite.shared().endpoint());
        StateTables.createIfMissing(dynamo, "newest-" + suffix);
        state = new DynamoFileStateStore(dynamo, "newest-" + suffix, Clock.systemUTC(), Duration.ofDays(30));
        transfers = new ObjectTransfers(new S3ObjectStore(s3, false), new TransferOptions(TransferOptions.MIN_PART_SIZE, 2, 3,
                TransferOptions.DEFAULT_MULTIPART_COPY_THRESHOLD, TransferOptions.DEFAULT_COPY_PART_SIZE));
    }

    @AfterEach
    void stop() {
        heldBeforeCheck.values().forEach(CountDownLatch::countDown);
        heldBeforeWrite.values().forEach(CountDownLatch::countDown);
        workers.shutdownNow();
        dynamo.close();
        s3.close();
    }

    /** A version: its id, its event's sequencer and its bytes. */
    private record Upload(FileId id, Sequencer sequencer, String body) {}

    private Upload upload(int products) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < products; i++) {
            body.append("{\"ean\":\"571344764959").append(i % 10).append("\",\"version\":").append(products).append("}\n");
        }
        PutObjectResponse put = s3.putObject(r -> r.bucket(input).key(KEY), RequestBody.fromString(body.toString()));
        FileId id = versioned ? FileId.ofVersion(input, KEY, put.versionId()) : FileId.ofEtag(input, KEY, put.eTag());
        return new Upload(id, new Sequencer(Long.toHexString(sequencer.incrementAndGet())), body.toString());
    }

    private RegisteredFile ingest(Upload upload) throws Exception {
        FileIngest ingest = new FileIngest(transfers, state, (name, json) -> new ExecutionStarter.Started("arn:" + name, true), 3);
        FileIngest.Outcome outcome = ingest.ingest(upload.id(), upload.sequencer());
        assertThat(outcome).as("ingest of %s", upload.id()).isInstanceOf(FileIngest.Outcome.Started.class);
        return ((FileIngest.Outcome.Started) outcome).registered();
    }

    private FileConversionJob job() {
        FileConversionJob.RaceHook hook = new FileConversionJob.RaceHook() {
            @Override
            public void beforeCheck(FileId file) {
                hold(file, heldBeforeCheck);
            }

            @Override
            public void beforeWrite(FileId file) {
                hold(file, heldBeforeWrite);
            }
        };
        // Both formats: the fence must hold for every output key, the Parquet (written first) as the XML.
        ProductOutputs both = ProductOutputs.fromSettings(transfers,
                com.productflow.common.config.SettingsSource.of(Map.of("OUTPUT_FORMATS", "xml,parquet")));
        return new FileConversionJob(state, both, new OutputKeys(output, "xml/", "parquet/"), Duration.ofMinutes(5), hook);
    }

    private void hold(FileId file, Map<FileId, CountDownLatch> at) {
        CountDownLatch gate = at.get(file);
        if (gate != null) {
            reached.get(file).countDown();
            try {
                assertThat(gate.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("released").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs one execution (convert, then record its outcome) on a worker; {@code holdAt} pauses it there. */
    private Future<FileConversionJob.Result> execute(RegisteredFile file, Map<FileId, CountDownLatch> holdAt) throws Exception {
        FileId id = file.fileId();
        if (holdAt != null) {
            holdAt.put(id, new CountDownLatch(1));
            reached.put(id, new CountDownLatch(1));
        }
        String executionId = "exec-" + id.versionLabel();
        Future<FileConversionJob.Result> run = workers.submit(() -> {
            FileConversionJob.Result result = job().run(file, executionId);
            JsonNode convert = PipelineJson.MAPPER.valueToTree(result);
            JsonNode event = PipelineJson.MAPPER.valueToTree(Map.of("outcome", "COMPLETED", "file", file, "executionId", executionId,
                    "outputs", Map.of("convert", convert, "extract", Map.of("published", 0))));
            OutcomeRecorder.Recorded recorded = new OutcomeRecorder(state).record(event, Instant.now());
            synchronized (outcomes) {
                outcomes.add(recorded);
            }
            return result;
        });
        if (holdAt != null) {
            assertThat(reached.get(id).await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("%s reached its hold", id).isTrue();
        }
        return run;
    }

    private static void release(RegisteredFile file, Map<FileId, CountDownLatch> at) {
        at.get(file.fileId()).countDown();
    }

    private static <T> T done(Future<T> future) throws Exception {
        return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The outcome every forced race must end in. */
    private void assertNewestWon(Upload newest, Upload... older) throws Exception {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        new com.productflow.convert.JsonToXmlConverter(ConversionOptions.defaults()).convert(
                new java.io.ByteArrayInputStream(newest.body().getBytes(StandardCharsets.UTF_8)), expected);
        byte[] xml = s3.getObjectAsBytes(r -> r.bucket(output).key("xml/" + KEY + ".xml")).asByteArray();
        assertThat(new String(xml, StandardCharsets.UTF_8)).as("the output is the newest version's conversion")
                .isEqualTo(expected.toString(StandardCharsets.UTF_8));
        ByteArrayOutputStream expectedParquet = new ByteArrayOutputStream();
        new com.productflow.parquet.JsonToParquetConverter().convert(
                new java.io.ByteArrayInputStream(newest.body().getBytes(StandardCharsets.UTF_8)), expectedParquet);
        byte[] parquet = s3.getObjectAsBytes(r -> r.bucket(output).key("parquet/" + KEY + ".parquet")).asByteArray();
        assertThat(parquet).as("the Parquet is the newest version's conversion").isEqualTo(expectedParquet.toByteArray());
        FileRecord winner = state.get(newest.id()).orElseThrow();
        assertThat(winner.status()).isEqualTo(FileStatus.COMPLETED);
        assertThat(winner.outputSha256()).as("its SHA-256 in the newest record").isEqualTo(Sha256.of(xml));
        assertThat(winner.parquetSha256()).as("the Parquet's SHA-256 in the newest record").isEqualTo(Sha256.of(parquet));
        for (Upload old : older) {
            FileRecord record = state.get(old.id()).orElseThrow();
            assertThat(record.status()).as("%s", old.id()).isEqualTo(FileStatus.SUPERSEDED);
            assertThat(record.supersededBy()).isNotNull();
        }
        assertThat(state.findObject(input, KEY)).extracting(FileRecord::status)
                .doesNotContain(FileStatus.FAILED, FileStatus.QUARANTINED);
        synchronized (outcomes) {
            assertThat(outcomes).extracting(o -> o.metric().orElse("none"))
                    .as("no alarmed metric").doesNotContain("FilesFailed", "FilesQuarantined");
        }
    }

    @Test
    void oldFinishesLastHeldBeforeItsCheck() throws Exception {
        Upload v1 = upload(40);
        RegisteredFile f1 = ingest(v1);
        Future<FileConversionJob.Result> old = execute(f1, heldBeforeCheck); // converted, not yet published
        Upload v2 = upload(5);
        RegisteredFile f2 = ingest(v2);
        assertThat(done(execute(f2, null)).supersededBy()).isNull();
        release(f1, heldBeforeCheck);
        assertThat(done(old).supersededBy()).isEqualTo(v2.id().versionLabel());
        assertNewestWon(v2, v1);
    }

    @Test
    void oldFinishesLastHeldBetweenItsCheckAndItsWriteSoOnlyTheConditionalWriteStopsIt() throws Exception {
        Upload v1 = upload(40);
        RegisteredFile f1 = ingest(v1);
        Future<FileConversionJob.Result> old = execute(f1, heldBeforeWrite); // the per-key record said "newest"
        Upload v2 = upload(5);
        RegisteredFile f2 = ingest(v2);
        assertThat(done(execute(f2, null)).supersededBy()).isNull();
        release(f1, heldBeforeWrite);
        assertThat(done(old).supersededBy()).as("refused by If-Match / If-None-Match").isNotNull();
        assertNewestWon(v2, v1);
    }

    @Test
    void newFinishesLast() throws Exception {
        Upload v1 = upload(40);
        RegisteredFile f1 = ingest(v1);
        Future<FileConversionJob.Result> old = execute(f1, heldBeforeWrite);
        Upload v2 = upload(5);
        RegisteredFile f2 = ingest(v2);
        Future<FileConversionJob.Result> newer = execute(f2, heldBeforeCheck);
        release(f1, heldBeforeWrite); // the old one writes first (its condition still holds) ...
        done(old);
        release(f2, heldBeforeCheck); // ... and the new one overwrites it
        assertThat(done(newer).supersededBy()).isNull();
        assertNewestWon(v2, v1);
    }

    @Test
    void threeVersionsInterleaved() throws Exception {
        Upload v1 = upload(30);
        RegisteredFile f1 = ingest(v1);
        Future<FileConversionJob.Result> first = execute(f1, heldBeforeWrite);
        Upload v2 = upload(20);
        RegisteredFile f2 = ingest(v2);
        Future<FileConversionJob.Result> second = execute(f2, heldBeforeCheck);
        Upload v3 = upload(10);
        RegisteredFile f3 = ingest(v3);
        Future<FileConversionJob.Result> third = execute(f3, heldBeforeCheck);
        release(f2, heldBeforeCheck);
        assertThat(done(second).supersededBy()).isEqualTo(v3.id().versionLabel());
        release(f3, heldBeforeCheck);
        assertThat(done(third).supersededBy()).isNull();
        release(f1, heldBeforeWrite);
        assertThat(done(first).supersededBy()).isNotNull();
        assertNewestWon(v3, v1, v2);
    }

    @Test
    void anOlderEventArrivingAfterTheNewerOneIsSupersededAndNeverStarted() throws Exception {
        Upload v1 = upload(3);
        Upload v2 = upload(2);
        RegisteredFile f2 = ingest(v2);
        FileIngest late = new FileIngest(transfers, state, (name, json) -> {
            throw new AssertionError("an older version must not start an execution");
        }, 3);
        FileIngest.Outcome outcome = late.ingest(v1.id(), v1.sequencer());
        if (versioned) {
            assertThat(outcome).isInstanceOfSatisfying(FileIngest.Outcome.AlreadyDone.class,
                    d -> assertThat(d.status()).isEqualTo(FileStatus.SUPERSEDED));
            // Read from its own version, not the newer bytes now at the key.
            FileRecord lateRecord = state.get(v1.id()).orElseThrow();
            assertThat(lateRecord.supersededBy()).isEqualTo(v2.id().versionLabel());
            assertThat(lateRecord.inputSha256()).isEqualTo(Sha256.of(v1.body().getBytes(StandardCharsets.UTF_8)));
        } else {
            // No versions: v1's bytes are gone, nothing to register (v2 has its own record).
            assertThat(outcome).isInstanceOf(FileIngest.Outcome.Vanished.class);
        }
        assertThat(done(execute(f2, null)).supersededBy()).isNull();
        assertNewestWon(v2);
    }
}
