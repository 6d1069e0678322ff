package com.productflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.productflow.common.BadInputException;
import com.productflow.common.io.Sha256;
import com.productflow.convert.ConversionOptions;
import com.productflow.stack.dynamo.Dynalite;
import com.productflow.stack.s3.S3Stack;
import com.productflow.stack.sfn.LocalStepFunctions;
import com.productflow.state.FileId;
import com.productflow.state.FileOutputs;
import com.productflow.state.FileRecord;
import com.productflow.state.FileStatus;
import com.productflow.state.dynamo.DynamoClients;
import com.productflow.state.dynamo.DynamoFileStateStore;
import com.productflow.storage.ObjectLocation;
import com.productflow.storage.ObjectTransfers;
import com.productflow.storage.S3ObjectStore;
import com.productflow.storage.ForwardingObjectStore;
import com.productflow.storage.ObjectStore;
import com.productflow.testsupport.LocalServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The per-file use cases against real servers: s3proxy (S3), dynalite (DynamoDB) and the local Step
 * Functions executor (a one-state machine is enough to test starting executions by name).
 */
class PipelineTest {
    private static final String PRODUCT = "{\"ean\":\"5713447649590\",\"color\":\"Black & <White>\",\"price\":39.99}";
    @RegisterExtension
    static final LocalServer<S3Stack> S3 = LocalServer.s3();
    @RegisterExtension
    static final LocalServer<LocalStepFunctions> SFN = LocalServer.stepFunctions();
    private static S3Stack s3;
    private static LocalStepFunctions sfn;
    private static S3ObjectStore store;
    private static DynamoDbClient dynamoClient;
    private static SfnClient sfnClient;
    private static String stateMachineArn;

    private DynamoFileStateStore state;
    private ObjectTransfers transfers;
    private String input;
    private String output;

    @BeforeAll
    static void connect() {
        s3 = S3.get();
        sfn = SFN.get();
        store = new S3ObjectStore(s3.client(), false);
        dynamoClient = DynamoClients.local(Dynalite.shared().endpoint());
        sfnClient = sfn.client();
        stateMachineArn = sfn.createStateMachine("process-file-" + UUID.randomUUID(),
                "{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Pass\",\"End\":true}}}");
    }

    @AfterAll
    static void disconnect() {
        sfnClient.close();
        dynamoClient.close();
    }

    @BeforeEach
    void freshBucketsAndTable() {
        FreshStorage fresh = FreshStorage.create(s3, dynamoClient);
        input = fresh.input();
        output = fresh.output();
        state = fresh.state();
        transfers = FreshStorage.smallPartTransfers(store);
    }

    private FileId put(String key, String body) {
        PutObjectResponse put = s3.client().putObject(b -> b.bucket(input).key(key), RequestBody.fromString(body));
        return FileId.ofEtag(input, key, put.eTag());
    }

    private FileIngest ingest() {
        return new FileIngest(transfers, state, new SfnExecutionStarter(sfnClient, stateMachineArn), 2);
    }

    private FileConversionJob conversion() {
        S3Conversion conversion = S3Conversion.productFeed(transfers, ConversionOptions.defaults());
        return new FileConversionJob(state, conversion, new OutputKeys(output, "xml/"), Duration.ofMinutes(5));
    }

    @Test
    void ingestChecksumsRegistersAndStartsOnceForDuplicateEvents() throws Exception {
        String body = "[" + PRODUCT + "]";
        FileId file = put("incoming/a b&c.json", body);

        FileIngest.Outcome first = ingest().ingest(file);
        FileIngest.Outcome again = ingest().ingest(file);

        assertThat(first).isInstanceOfSatisfying(FileIngest.Outcome.Started.class, started -> {
            assertThat(started.newExecution()).isTrue();
            assertThat(started.registered().inputSha256()).isEqualTo(Sha256.of(body.getBytes(StandardCharsets.UTF_8)));
            assertThat(started.registered().size()).isEqualTo(body.length());
        });
        assertThat(again).isInstanceOfSatisfying(FileIngest.Outcome.Started.class, started -> assertThat(started.newExecution()).isFalse());
        assertThat(state.findObject(input, "incoming/a b&c.json")).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(FileStatus.PENDING));
        assertThat(sfn.listExecutions(stateMachineArn)).filteredOn(e -> e.name().equals(ExecutionNames.forFile(file))).hasSize(1);
    }

    @Test
    void reuploadWithOtherContentIsANewFileAndAGoneObjectIsNotRegistered() throws Exception {
        FileId v1 = put("incoming/p.json", "[" + PRODUCT + "]");
        FileId v2 = put("incoming/p.json", "[" + PRODUCT + "," + PRODUCT + "]");
        assertThat(ingest().ingest(v2)).isInstanceOf(FileIngest.Outcome.Started.class);
        // v1's content is no longer there: registering it would record a checksum of other bytes.
        assertThat(ingest().ingest(v1)).isInstanceOf(FileIngest.Outcome.Vanished.class);
        assertThat(state.findObject(input, "incoming/p.json")).extracting(r -> r.id().etag()).containsExactly(v2.etag());
    }

    private ObjectRef ref(FileId file) {
        return new ObjectRef(file.bucket(), file.key(), file.versionId(), file.etag(), -1);
    }

    @Test
    void aBatchRegistersEveryObjectItCanAndThenFailsNamingTheOneItCouldNot() throws Exception {
        FileId first = put("incoming/one.json", "[" + PRODUCT + "]");
        FileId last = put("incoming/three.json", "[" + PRODUCT + "," + PRODUCT + "]");
        // A legacy bucket name the state table accepts but S3 calls invalid: bad input, permanent.
        ObjectRef unreadable = new ObjectRef("Legacy_Bucket", "incoming/two.json", null, "0123abcd", 10);

        IngestBatch.Report report = new IngestBatch(ingest()).ingestAll(List.of(ref(first), unreadable, ref(last)));

        assertThat(report.ingested()).isEqualTo(2);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.files()).extracting(f -> f.get("key")).containsExactly("incoming/one.json", "incoming/two.json", "incoming/three.json");
        assertThat(report.files().get(0)).containsEntry("started", true).containsKey("executionArn");
        assertThat((String) report.files().get(1).get("error")).contains("Legacy_Bucket");
        assertThat(report.files().get(2)).containsEntry("started", true);
        for (FileId registered : List.of(first, last)) {
            assertThat(state.get(registered)).get().satisfies(r -> assertThat(r.status()).isEqualTo(FileStatus.PENDING));
            assertThat(sfn.listExecutions(stateMachineArn)).filteredOn(e -> e.name().equals(ExecutionNames.forFile(registered))).hasSize(1);
        }
        // Only bad input failed: retrying cannot help (the function reports InvalidInput).
        assertThatThrownBy(report::requireAllIngested).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("1 of 3 objects not ingested; first: ").hasMessageContaining("Legacy_Bucket");
    }

    @Test
    void aBatchWithAFailureWorthRetryingIsIncompleteAndItsRetryRedoesOnlyThatObject() throws Exception {
        FileId healthy = put("incoming/healthy.json", "[" + PRODUCT + "]");
        FileId flaky = put("incoming/flaky.json", "[" + PRODUCT + "]");
        AtomicBoolean broken = new AtomicBoolean(true);
        ObjectStore resetting = new ForwardingObjectStore(store) {
            @Override
            public InputStream getRange(ObjectLocation location, String versionId, long first, long last, String ifMatch) {
                // The one GET of a small unversioned object, pinned to its ETag (ObjectTransfers.open).
                if (broken.get() && location.key().equals(flaky.key())) {
                    throw new UncheckedIOException(new IOException("connection reset reading " + location));
                }
                return super.getRange(location, versionId, first, last, ifMatch);
            }
        };
        IngestBatch batch = new IngestBatch(new FileIngest(new ObjectTransfers(resetting, transfers.options()), state,
                new SfnExecutionStarter(sfnClient, stateMachineArn), 2));

        IngestBatch.Report first = batch.ingestAll(List.of(ref(healthy), ref(flaky)));
        assertThat(first.ingested()).isEqualTo(1);
        assertThat(state.get(healthy)).isPresent();
        assertThat(state.get(flaky)).isEmpty();
        // Worth a retry: the function reports TransientFailure (Failures maps IngestIncompleteException).
        assertThatThrownBy(first::requireAllIngested).isInstanceOf(IngestIncompleteException.class)
                .hasMessage("1 of 2 objects not ingested; first: java.io.IOException: connection reset reading s3://" + input + "/incoming/flaky.json");

        broken.set(false);
        IngestBatch.Report retried = batch.ingestAll(List.of(ref(healthy), ref(flaky)));
        retried.requireAllIngested();
        assertThat(retried.files()).extracting(f -> f.get("started")).containsExactly(false, true);
        assertThat(state.get(flaky)).get().satisfies(r -> assertThat(r.status()).isEqualTo(FileStatus.PENDING));
    }

    @Test
    void conversionClaimsConvertsIsRepeatableAndRefusesOtherExecutions() throws Exception {
        FileId file = put("incoming/feed.json", "[" + PRODUCT + "," + PRODUCT + "]");
        RegisteredFile registered = ((FileIngest.Outcome.Started) ingest().ingest(file)).registered();

        FileConversionJob.Result first = conversion().run(registered, "exec-1");
        FileConversionJob.Result retried = conversion().run(registered, "exec-1");

        assertThat(first.outputKey()).isEqualTo("xml/incoming/feed.json.xml");
        assertThat(first.records()).isEqualTo(2);
        assertThat(retried.outputSha256()).isEqualTo(first.outputSha256());
        assertThat(transfers.verify(new ObjectLocation(output, first.outputKey())).matches()).isTrue();
        assertThat(state.get(file)).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(FileStatus.IN_PROGRESS);
            assertThat(r.leaseOwner()).isEqualTo("exec-1");
            assertThat(r.attempts()).isEqualTo(1);
        });
        assertThatThrownBy(() -> conversion().run(registered, "exec-2")).isInstanceOf(FileBusyException.class);

        OutcomeRecorder.Recorded done = new OutcomeRecorder(state).completed(file, "exec-1",
                new FileOutputs(first.outputKey(), first.outputSha256(), first.records(), 0));
        assertThat(done.written()).isTrue();
        assertThat(state.get(file)).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(FileStatus.COMPLETED);
            assertThat(r.outputSha256()).isEqualTo(first.outputSha256());
        });
        // A late duplicate of the record task changes nothing.
        assertThat(new OutcomeRecorder(state).completed(file, "exec-1",
                new FileOutputs(first.outputKey(), first.outputSha256(), first.records(), 0)).written()).isFalse();
    }

    @Test
    void checksumMismatchWithNoNewerVersionWritesNothingAndIsQuarantinedAtOnce() throws Exception {
        FileId file = put("incoming/bad.json", "[" + PRODUCT + "]");
        RegisteredFile registered = ((FileIngest.Outcome.Started) ingest().ingest(file)).registered();
        RegisteredFile tampered = new RegisteredFile(registered.bucket(), registered.key(), null, registered.etag(),
                "0".repeat(64), registered.size());

        assertThatThrownBy(() -> conversion().run(tampered, "exec-1")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("SHA-256 mismatch");
        assertThat(store.list(output, "")).isEmpty();

        // Bad input (InvalidInput): another attempt cannot help, so no "attempt 1 of 2" and no redrive.
        OutcomeRecorder.Recorded recorded = new OutcomeRecorder(state).failed(file, "exec-1",
                "com.productflow.functions.InvalidInput", "SHA-256 mismatch", Instant.now());
        assertThat(recorded.status()).isEqualTo(FileStatus.QUARANTINED);
        assertThat(recorded.metric()).contains("FilesQuarantined");
        FileRecord parked = state.get(file).orElseThrow();
        assertThat(parked.lastError().message()).contains("SHA-256 mismatch");
        assertThat(parked.attempts()).isEqualTo(1);
    }

    @Test
    void aTransientFailureKeepsItsAttempts() throws Exception {
        FileId file = put("incoming/flaky-convert.json", "[" + PRODUCT + "]");
        ingest().ingest(file);
        OutcomeRecorder recorder = new OutcomeRecorder(state);
        OutcomeRecorder.Recorded first = recorder.failed(file, "exec-1", "com.productflow.functions.TransientFailure", "503",
                Instant.now());
        assertThat(first.status()).isEqualTo(FileStatus.FAILED);
        assertThat(first.metric()).contains("FilesFailed");
        // The second attempt fails before convert claimed it: the recorder claims it itself, so it counts.
        assertThat(recorder.failed(file, "exec-2", "States.Timeout", "lost", Instant.now()).status())
                .isEqualTo(FileStatus.QUARANTINED);
    }

    @Test
    void redriveRestartsFailedFilesOncePerAttemptAndCountsQuarantined() throws Exception {
        FileId file = put("incoming/retry.json", "[" + PRODUCT + "]");
        ingest().ingest(file);
        OutcomeRecorder recorder = new OutcomeRecorder(state);
        recorder.failed(file, "exec-1", "com.productflow.functions.TransientFailure", "throttled", Instant.now());
        FileId parked = put("incoming/parked.json", "[" + PRODUCT + "]");
        ingest().ingest(parked);
        recorder.failed(parked, "exec-p1", "X", "x", Instant.now());
        recorder.failed(parked, "exec-p2", "X", "x", Instant.now());

        Redrive redrive = new Redrive(state, new SfnExecutionStarter(sfnClient, stateMachineArn), Clock.systemUTC(), Duration.ofMinutes(15));
        Redrive.Summary first = redrive.run();
        Redrive.Summary second = redrive.run();

        assertThat(first.failedRestarted()).isEqualTo(1);
        assertThat(first.quarantined()).isEqualTo(1);
        assertThat(second.failedRestarted()).isZero();
        assertThat(sfn.listExecutions(stateMachineArn)).extracting(com.productflow.stack.sfn.Execution::name)
                .contains(ExecutionNames.forAttempt(file, 2));
    }
}
