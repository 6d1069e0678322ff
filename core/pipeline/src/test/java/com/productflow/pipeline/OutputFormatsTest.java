package com.productflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.productflow.common.BadInputException;
import com.productflow.common.config.InvalidSettingException;
import com.productflow.common.config.SettingsSource;
import com.productflow.common.io.Sha256;
import com.productflow.convert.ConversionOptions;
import com.productflow.convert.JsonToXmlConverter;
import com.productflow.convert.MalformedInputException;
import com.productflow.parquet.JsonToParquetConverter;
import com.productflow.parquet.ParquetOptions;
import com.productflow.stack.dynamo.Dynalite;
import com.productflow.stack.s3.S3Stack;
import com.productflow.state.FileId;
import com.productflow.state.FileRecord;
import com.productflow.state.FileStatus;
import com.productflow.state.dynamo.DynamoClients;
import com.productflow.state.dynamo.DynamoFileStateStore;
import com.productflow.storage.ForwardingObjectStore;
import com.productflow.storage.ObjectInfo;
import com.productflow.storage.ObjectLocation;
import com.productflow.storage.ObjectStore;
import com.productflow.storage.ObjectTransfers;
import com.productflow.storage.S3ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The convert task with {@code OUTPUT_FORMATS} (xml, parquet, xml,parquet) and {@code PARQUET_OUTPUT_PREFIX},
 * built from settings as ConvertFunction builds it, against real servers (s3proxy, dynalite): both
 * outputs from one read of the input, byte for byte what each converter writes alone; the outputs in the
 * file's record through the state machine's JSON; and on any failure, of either output, nothing published.
 */
class OutputFormatsTest {
    /** The committed sample products, as JSON Lines (the tests run in core/pipeline). */
    private static final Path SAMPLE = Path.of("../../samples/sample_products.jsonl");
    private static S3Stack s3;
    private static S3ObjectStore s3Store;
    private static DynamoDbClient dynamoClient;

    private DynamoFileStateStore state;
    private ObjectTransfers transfers;
    private final AtomicLong inputBytesRead = new AtomicLong();
    private String input;
    private String output;

    @BeforeAll
    static void startServers() {
        s3 = S3Stack.startTransient();
        s3Store = new S3ObjectStore(s3.client(), false);
        dynamoClient = DynamoClients.local(Dynalite.shared().endpoint());
    }

    @AfterAll
    static void stopServers() {
        s3.close();
    }

    @BeforeEach
    void freshBucketsAndTable() {
        FreshStorage fresh = FreshStorage.create(s3, dynamoClient);
        input = fresh.input();
        output = fresh.output();
        state = fresh.state();
        transfers = FreshStorage.smallPartTransfers(new CountingReads(s3Store, input, inputBytesRead));
    }

    @Test
    void bothFormatsFromOneReadAreWhatEachConverterWritesAlone() throws Exception {
        byte[] json = manyProducts(6 << 20); // the XML is larger than a part: a multipart upload
        RegisteredFile file = register("incoming/feed.jsonl", json);

        FileConversionJob.Result result = job("xml,parquet", "columns/").run(file, "exec-1");

        assertThat(inputBytesRead.get()).as("the input is read once").isEqualTo(json.length);
        byte[] xml = read(new ObjectLocation(output, "xml/incoming/feed.jsonl.xml"));
        byte[] parquet = read(new ObjectLocation(output, "columns/incoming/feed.jsonl.parquet"));
        assertThat(xml).isEqualTo(alone(json, false));
        assertThat(parquet).isEqualTo(alone(json, true));
        assertThat(Arrays.copyOfRange(parquet, 0, 4)).isEqualTo("PAR1".getBytes(StandardCharsets.US_ASCII));
        long products = json.length == 0 ? 0 : new String(json, StandardCharsets.UTF_8).lines().count();
        assertThat(result).satisfies(r -> {
            assertThat(r.outputKey()).isEqualTo("xml/incoming/feed.jsonl.xml");
            assertThat(r.outputSha256()).isEqualTo(Sha256.of(xml));
            assertThat(r.bytesOut()).isEqualTo(xml.length);
            assertThat(r.records()).isEqualTo(products);
            assertThat(r.parquetKey()).isEqualTo("columns/incoming/feed.jsonl.parquet");
            assertThat(r.parquetSha256()).isEqualTo(Sha256.of(parquet));
            assertThat(r.parquetRows()).isEqualTo(products);
            assertThat(r.parquetBytes()).isEqualTo(parquet.length);
        });
        for (String key : new String[] {"xml/incoming/feed.jsonl.xml", "columns/incoming/feed.jsonl.parquet"}) {
            ObjectInfo info = s3Store.head(new ObjectLocation(output, key)).orElseThrow();
            assertThat(info.metadata()).containsEntry("sha256", Sha256.of(read(new ObjectLocation(output, key))))
                    .containsEntry(S3Conversion.SOURCE_SHA256_METADATA, file.inputSha256());
        }
        assertThat(s3.client().headObject(b -> b.bucket(output).key("columns/incoming/feed.jsonl.parquet")).contentType())
                .isEqualTo(JsonToParquetConverter.CONTENT_TYPE);
        assertThat(s3Store.list(output, "")).hasSize(2);
    }

    @Test
    void theRecordHoldsBothOutputsThroughTheStateMachinesJson() throws Exception {
        RegisteredFile file = register("incoming/sample.jsonl", Files.readAllBytes(SAMPLE));
        FileConversionJob.Result converted = job("xml,parquet", "parquet/").run(file, "exec-1");

        FileRecord record = complete(file, converted);

        assertThat(record.status()).isEqualTo(FileStatus.COMPLETED);
        assertThat(record.outputKey()).isEqualTo("xml/incoming/sample.jsonl.xml");
        assertThat(record.outputSha256()).isEqualTo(converted.outputSha256()).hasSize(64);
        assertThat(record.records()).isEqualTo(converted.records()).isPositive();
        assertThat(record.parquetKey()).isEqualTo("parquet/incoming/sample.jsonl.parquet");
        assertThat(record.parquetSha256()).isEqualTo(Sha256.of(read(new ObjectLocation(output, record.parquetKey()))));
        assertThat(record.parquetRows()).isEqualTo(converted.records());
        assertThat(record.parquetBytes()).isEqualTo(read(new ObjectLocation(output, record.parquetKey())).length);
        // A later execution finds it done and reports the recorded outputs without converting again.
        inputBytesRead.set(0);
        FileConversionJob.Result again = job("xml,parquet", "parquet/").run(file, "exec-2");
        assertThat(again.parquetKey()).isEqualTo(record.parquetKey());
        assertThat(again.parquetSha256()).isEqualTo(record.parquetSha256());
        assertThat(inputBytesRead.get()).isZero();
    }

    @Test
    void parquetOnlyWritesNoXmlAndRecordsTheParquet() throws Exception {
        RegisteredFile file = register("incoming/only.jsonl", Files.readAllBytes(SAMPLE));
        FileConversionJob.Result converted = job("parquet", "parquet/").run(file, "exec-1");

        assertThat(converted.outputKey()).isNull();
        assertThat(converted.bytesOut()).isZero();
        assertThat(PipelineJson.MAPPER.valueToTree(converted).has("outputKey")).isFalse();
        assertThat(s3Store.list(output, "")).containsExactly("parquet/incoming/only.jsonl.parquet");
        FileRecord record = complete(file, converted);
        assertThat(record.outputKey()).isNull();
        assertThat(record.outputSha256()).isNull();
        assertThat(record.parquetKey()).isEqualTo("parquet/incoming/only.jsonl.parquet");
        assertThat(record.parquetRows()).isEqualTo(converted.records()).isPositive();
    }

    @Test
    void xmlOnlyIsTheDefaultAndRecordsNoParquet() throws Exception {
        RegisteredFile file = register("incoming/default.jsonl", Files.readAllBytes(SAMPLE));
        ProductOutputs outputs = ProductOutputs.fromSettings(transfers, SettingsSource.of(Map.of()));
        FileConversionJob.Result converted = new FileConversionJob(state, outputs, new OutputKeys(output, "xml/"),
                Duration.ofMinutes(5)).run(file, "exec-1");

        assertThat(outputs.formats()).containsExactly(OutputFormat.XML);
        assertThat(s3Store.list(output, "")).containsExactly("xml/incoming/default.jsonl.xml");
        assertThat(PipelineJson.MAPPER.valueToTree(converted).has("parquetKey")).isFalse();
        FileRecord record = complete(file, converted);
        assertThat(record.parquetKey()).isNull();
        assertThat(record.parquetRows()).isNull();
    }

    @Test
    void malformedInputAfterThePartsStartedPublishesNeitherOutput() throws Exception {
        byte[] good = manyProducts(6 << 20);
        byte[] json = concat(good, "{\"ean\": \"4006381333931\", \"name\": }\n".getBytes(StandardCharsets.UTF_8));
        RegisteredFile file = register("incoming/broken.jsonl", json);

        assertThatThrownBy(() -> job("xml,parquet", "parquet/").run(file, "exec-1"))
                .isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("at line " + (new String(good, StandardCharsets.UTF_8).lines().count() + 1) + ",");

        assertNothingLeft();
    }

    @Test
    void aFailureOfTheParquetAlonePublishesNeitherOutput() throws Exception {
        byte[] good = manyProducts(6 << 20);
        byte[] json = concat(good, "{\"ean\": \"4006381333931\", \"itemGrossPrices\": [{\"price\": \"abc\"}]}\n"
                .getBytes(StandardCharsets.UTF_8));
        RegisteredFile file = register("incoming/wrong-type.jsonl", json);
        SettingsSource settings = SettingsSource.of(Map.of("OUTPUT_FORMATS", "xml,parquet", "PARQUET_WRONG_TYPE", "reject"));

        // The XML converter accepts the record; the Parquet one rejects it (PARQUET_WRONG_TYPE=reject).
        assertThatThrownBy(() -> new FileConversionJob(state, ProductOutputs.fromSettings(transfers, settings),
                new OutputKeys(output, "xml/", "parquet/"), Duration.ofMinutes(5)).run(file, "exec-1"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("itemGrossPrices[0].price");

        assertNothingLeft();
    }

    @Test
    void aChecksumMismatchPublishesNeitherOutput() throws Exception {
        RegisteredFile registered = register("incoming/tampered.jsonl", Files.readAllBytes(SAMPLE));
        RegisteredFile tampered = new RegisteredFile(registered.bucket(), registered.key(), null, registered.etag(),
                "0".repeat(64), registered.size());

        assertThatThrownBy(() -> job("xml,parquet", "parquet/").run(tampered, "exec-1"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("SHA-256 mismatch");

        assertNothingLeft();
    }

    @Test
    void anUnknownFormatFailsNamingTheSetting() {
        assertThatThrownBy(() -> ProductOutputs.fromSettings(transfers, SettingsSource.of(Map.of("OUTPUT_FORMATS", "csv"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("setting OUTPUT_FORMATS: ")
                .hasMessageContaining("xml|parquet").hasMessageContaining("'csv'");
        assertThatThrownBy(() -> ProductOutputs.fromSettings(transfers,
                SettingsSource.of(Map.of("OUTPUT_FORMATS", "parquet", "PARQUET_ZSTD_LEVEL", "99"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("setting PARQUET_ZSTD_LEVEL: ");
    }

    private FileConversionJob job(String formats, String parquetPrefix) {
        ProductOutputs outputs = ProductOutputs.fromSettings(transfers, SettingsSource.of(Map.of("OUTPUT_FORMATS", formats)));
        return new FileConversionJob(state, outputs, new OutputKeys(output, "xml/", parquetPrefix), Duration.ofMinutes(5));
    }

    /** Puts and registers the input as ingest does (its SHA-256 recorded), claimable by any execution. */
    private RegisteredFile register(String key, byte[] body) {
        PutObjectResponse put = s3.client().putObject(b -> b.bucket(input).key(key), RequestBody.fromBytes(body));
        FileId id = FileId.ofEtag(input, key, put.eTag());
        state.register(id, Sha256.of(body), body.length, 3);
        return RegisteredFile.of(state.get(id).orElseThrow());
    }

    /** Records the outcome from the task's JSON as the state machine hands it to RecordOutcomeFunction. */
    private FileRecord complete(RegisteredFile file, FileConversionJob.Result converted) {
        ObjectNode outcome = PipelineJson.MAPPER.createObjectNode().put("outcome", "COMPLETED").put("executionId", "exec-1");
        outcome.set("file", PipelineJson.MAPPER.valueToTree(file));
        ObjectNode outputs = outcome.putObject("outputs");
        outputs.set("convert", PipelineJson.MAPPER.valueToTree(converted));
        outputs.putObject("extract").put("published", 0);
        JsonNode roundTripped = PipelineJson.MAPPER.valueToTree(outcome);
        OutcomeRecorder.Recorded recorded = new OutcomeRecorder(state).record(roundTripped, Instant.now());
        assertThat(recorded.written()).as(recorded.message()).isTrue();
        return state.get(file.fileId()).orElseThrow();
    }

    private void assertNothingLeft() {
        assertThat(s3Store.list(output, "")).as("no output, no partial object").isEmpty();
        assertThat(s3Store.listMultipartUploads(output, "")).as("no multipart upload left").isEmpty();
    }

    private byte[] read(ObjectLocation location) throws IOException {
        try (InputStream in = s3Store.get(location)) {
            return in.readAllBytes();
        }
    }

    /** What the converter of one format writes from {@code json} on its own. */
    private static byte[] alone(byte[] json, boolean parquet) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (parquet) {
            new JsonToParquetConverter(ParquetOptions.defaults()).convert(new ByteArrayInputStream(json), out);
        } else {
            new JsonToXmlConverter(ConversionOptions.defaults()).convert(new ByteArrayInputStream(json), out);
        }
        return out.toByteArray();
    }

    /** The sample products repeated, as JSON Lines, until at least {@code bytes}. */
    private static byte[] manyProducts(int bytes) throws IOException {
        byte[] sample = Files.readAllBytes(SAMPLE);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes + sample.length);
        while (out.size() < bytes) {
            out.write(sample);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** Counts the bytes read from objects of one bucket, whichever way they are read (whole or ranged GETs). */
    private static final class CountingReads extends ForwardingObjectStore {
        private final String bucket;
        private final AtomicLong count;

        CountingReads(ObjectStore delegate, String bucket, AtomicLong count) {
            super(delegate);
            this.bucket = bucket;
            this.count = count;
        }

        @Override
        public InputStream get(ObjectLocation location, String versionId) {
            return counted(location, delegate.get(location, versionId));
        }

        @Override
        public InputStream getRange(ObjectLocation location, String versionId, long first, long last, String ifMatch) {
            return counted(location, delegate.getRange(location, versionId, first, last, ifMatch));
        }

        private InputStream counted(ObjectLocation location, InputStream in) {
            if (!location.bucket().equals(bucket)) {
                return in;
            }
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        count.incrementAndGet();
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        count.addAndGet(n);
                    }
                    return n;
                }
            };
        }
    }
}
