package com.productflow.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.productflow.common.io.Sha256;
import com.productflow.stack.dynamo.Dynalite;
import com.productflow.stack.kafka.EmbeddedKafka;
import com.productflow.stack.s3.S3Stack;
import com.productflow.state.ClaimResult;
import com.productflow.state.FileError;
import com.productflow.state.FileId;
import com.productflow.state.FileOutputs;
import com.productflow.state.FileRecord;
import com.productflow.state.dynamo.DynamoClients;
import com.productflow.state.dynamo.DynamoFileStateStore;
import com.productflow.state.dynamo.StateTables;
import com.productflow.storage.ObjectLocation;
import com.productflow.storage.ObjectTransfers;
import com.productflow.storage.ObjectUploadStream;
import com.productflow.storage.PartChecksum;
import com.productflow.storage.S3ObjectStore;
import com.productflow.storage.TransferOptions;
import com.productflow.testsupport.LocalServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The campaign's judge, judged: on real servers (s3proxy, dynalite, a Kafka broker) a history that keeps every
 * invariant passes, and each deliberately broken state (a partial object, a record without its object, an object
 * without its record, a duplicate or missing Kafka record, an open multipart upload, a file left IN_PROGRESS or
 * PENDING, two COMPLETED records of one file, a malformed file COMPLETED, an input that is not what was uploaded)
 * is reported under the invariant it breaks.
 */
class InvariantsTest {
    @RegisterExtension
    static final LocalServer<S3Stack> S3 = LocalServer.s3();
    @RegisterExtension
    static final LocalServer<Dynalite> DYNAMO = LocalServer.dynamo();
    @RegisterExtension
    static final LocalServer<EmbeddedKafka> KAFKA = LocalServer.kafka();

    private static final AtomicInteger WORLDS = new AtomicInteger();
    private static final Set<String> SELECTED = Set.of("5710000000011", "5710000000028", "5710000000035");
    private static S3ObjectStore store;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void clients() {
        store = new S3ObjectStore(S3.get().client(), false);
        dynamo = DynamoClients.local(DYNAMO.get().endpoint());
    }

    @AfterAll
    static void close() {
        store.close();
        dynamo.close();
    }

    /** A history that keeps every invariant: two files COMPLETED with their outputs, one malformed QUARANTINED, the topic exact. */
    private static final class History {
        final int n = WORLDS.incrementAndGet();
        final String input = "chaos-in-" + n;
        final String output = "chaos-out-" + n;
        final String topic = "chaos-topic-" + n;
        final DynamoFileStateStore state = new DynamoFileStateStore(dynamo, "chaos-files-" + n, Clock.systemUTC(), Duration.ofDays(30));
        final ObjectTransfers transfers = new ObjectTransfers(store, TransferOptions.defaults());
        final ExpectedFile a = new ExpectedFile("incoming/a.json", sha("[{\"ean\":\"a\"}]"), true);
        final ExpectedFile b = new ExpectedFile("incoming/b.json", sha("[{\"ean\":\"b\"}]"), true);
        final ExpectedFile malformed = new ExpectedFile("incoming/m.json", sha("[{\"ean\":"), false);
        Set<String> selected = SELECTED;

        History() throws Exception {
            S3.get().createBucket(input);
            S3.get().createBucket(output);
            StateTables.createIfMissing(dynamo, state.table());
            KAFKA.get().createTopic(topic, 3);
            completed(upload(a.key(), "[{\"ean\":\"a\"}]"), "<products><a/></products>");
            completed(upload(b.key(), "[{\"ean\":\"b\"}]"), "<products><b/></products>");
            FileId m = upload(malformed.key(), "[{\"ean\":");
            ClaimResult.Claimed claim = claim(m);
            state.fail(m, "owner", claim.record().version(), new FileError("MalformedJson", "unexpected end of input at offset 8",
                    Instant.now()), true);
            publish(SELECTED.toArray(String[]::new));
        }

        FileId upload(String key, String content) throws Exception {
            transfers.upload(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), new ObjectLocation(input, key),
                    "application/json", Map.of());
            FileId id = FileId.ofEtag(input, key, store.head(new ObjectLocation(input, key)).orElseThrow().eTag());
            state.register(id, sha(content), content.length(), 3);
            return id;
        }

        ClaimResult.Claimed claim(FileId id) {
            return (ClaimResult.Claimed) state.claim(id, "owner", Duration.ofMinutes(15));
        }

        void completed(FileId id, String xml) throws Exception {
            String key = "xml/" + id.key() + ".xml";
            String sha = transfers.upload(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), new ObjectLocation(output, key),
                    "application/xml", Map.of()).sha256();
            state.complete(id, "owner", claim(id).record().version(), new FileOutputs(key, sha, 1, 0));
        }

        void publish(String... keys) {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.get().bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
                for (String key : keys) {
                    producer.send(new ProducerRecord<>(topic, key, "{}"));
                }
            }
        }

        InvariantReport judge() throws Exception {
            World world = new World(store, state, KAFKA.get().bootstrapServers(), topic, input, output);
            return Invariants.check(Snapshot.read(world), List.of(a, b, malformed), selected);
        }
    }

    private static String sha(String content) {
        return Sha256.of(content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aHistoryThatKeepsEveryInvariantPasses() throws Exception {
        History history = new History();
        // A transaction that never committed is invisible to a read_committed consumer: not a duplicate.
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.get().bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "chaos-test-" + history.n,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(history.topic, SELECTED.iterator().next(), "{}")).get();
            producer.abortTransaction();
        }

        InvariantReport report = history.judge();

        assertThat(report.violations()).isEmpty();
        assertThat(report.holds()).isTrue();
        assertThat(report.checked()).containsEntry(Invariants.COMPLETED_ONCE, 2).containsEntry(Invariants.MALFORMED_REJECTED, 1)
                .containsEntry(Invariants.NONE_IN_FLIGHT, 3).containsEntry(Invariants.NO_OPEN_UPLOAD, 2)
                .containsEntry(Invariants.TOPIC_EXACTLY_ONCE, 3).containsEntry(Invariants.NO_PARTIAL_OBJECT, 5)
                .containsEntry(Invariants.RECORDS_MATCH_OBJECTS, 3 + 3 + 2);
    }

    @Test
    void aTruncatedObjectAtAFinalKeyIsAPartialObject() throws Exception {
        History history = new History();
        String key = "xml/" + history.a.key() + ".xml";
        String recorded = history.state.findObject(history.input, history.a.key()).get(0).outputSha256();
        byte[] half = "<products>".getBytes(StandardCharsets.UTF_8);
        store.put(new ObjectLocation(history.output, key), half, half.length, null, Map.of("sha256", recorded), "application/xml");

        InvariantReport report = history.judge();

        assertThat(report.violates(Invariants.NO_PARTIAL_OBJECT)).as(report.violations().toString()).isTrue();
        assertThat(report.violates(Invariants.COMPLETED_ONCE)).isTrue();
        assertThat(report.violations()).anyMatch(v -> v.contains(key) && v.contains("10 bytes"));
    }

    @Test
    void aPartialUploadObjectLeftBehindIsReported() throws Exception {
        History history = new History();
        String partial = "xml/" + history.b.key() + ".xml" + ObjectUploadStream.PARTIAL_SUFFIX;
        store.put(new ObjectLocation(history.output, partial), new byte[] {'<'}, 1, null, Map.of(), "application/xml");

        InvariantReport report = history.judge();

        assertThat(report.violations()).containsExactly(Invariants.NO_PARTIAL_OBJECT + ": partial upload object " + partial + " left");
    }

    @Test
    void aRecordWithoutItsOutputObjectIsReported() throws Exception {
        History history = new History();
        String key = "xml/" + history.a.key() + ".xml";
        store.delete(new ObjectLocation(history.output, key));

        InvariantReport report = history.judge();

        assertThat(report.violates(Invariants.RECORDS_MATCH_OBJECTS)).as(report.violations().toString()).isTrue();
        assertThat(report.violates(Invariants.COMPLETED_ONCE)).isTrue();
        assertThat(report.violations()).anyMatch(v -> v.startsWith(Invariants.RECORDS_MATCH_OBJECTS) && v.contains(key));
    }

    @Test
    void objectsWithoutRecordsAreReported() throws Exception {
        History history = new History();
        history.transfers.upload(new ByteArrayInputStream(new byte[] {'<', '/', '>'}), new ObjectLocation(history.output, "xml/ghost.xml"),
                "application/xml", Map.of());
        history.transfers.upload(new ByteArrayInputStream(new byte[] {'[', ']'}), new ObjectLocation(history.input, "incoming/ghost.json"),
                "application/json", Map.of());

        InvariantReport report = history.judge();

        assertThat(report.violations()).allMatch(v -> v.startsWith(Invariants.RECORDS_MATCH_OBJECTS))
                .anyMatch(v -> v.contains("output xml/ghost.xml is named by no COMPLETED record"))
                .anyMatch(v -> v.contains("input incoming/ghost.json") && v.contains("has no record"));
    }

    @Test
    void aProductPublishedTwiceIsReported() throws Exception {
        History history = new History();
        history.publish("5710000000028");

        InvariantReport report = history.judge();

        assertThat(report.violations()).containsExactly(Invariants.TOPIC_EXACTLY_ONCE
                + ": 4 committed messages for 3 distinct keys: 1 published more than once");
    }

    @Test
    void aSelectedProductMissingOrAnUnselectedOnePublishedIsReported() throws Exception {
        History history = new History();
        history.publish("5710000000042");
        history.selected = Set.of("5710000000011", "5710000000028", "5710000000035", "5710000000059");

        InvariantReport report = history.judge();

        assertThat(report.violations()).containsExactlyInAnyOrder(
                Invariants.TOPIC_EXACTLY_ONCE + ": 1 selected products not on the topic: [5710000000059]",
                Invariants.TOPIC_EXACTLY_ONCE + ": 1 products on the topic the selection does not return: [5710000000042]");
    }

    @Test
    void anOpenMultipartUploadIsReported() throws Exception {
        History history = new History();
        String uploadId = store.startMultipart(new ObjectLocation(history.output, "xml/big.xml.productflow-partial"), Map.of(),
                "application/xml", PartChecksum.CRC32C);

        InvariantReport report = history.judge();

        assertThat(report.violations()).containsExactly(Invariants.NO_OPEN_UPLOAD + ": multipart upload " + uploadId
                + " of s3://" + history.output + "/xml/big.xml.productflow-partial is open");
    }

    @Test
    void filesLeftPendingOrInProgressAreReported() throws Exception {
        History history = new History();
        String other = "[{\"ean\":\"c\"}]";
        FileId pending = history.upload("incoming/c.json", other);
        FileId running = history.upload("incoming/d.json", other);
        history.claim(running);
        ExpectedFile c = new ExpectedFile("incoming/c.json", sha(other), true);
        ExpectedFile d = new ExpectedFile("incoming/d.json", sha(other), true);

        World world = new World(store, history.state, KAFKA.get().bootstrapServers(), history.topic, history.input, history.output);
        InvariantReport report = Invariants.check(Snapshot.read(world), List.of(history.a, history.b, history.malformed, c, d),
                SELECTED);

        assertThat(report.violations()).filteredOn(v -> v.startsWith(Invariants.NONE_IN_FLIGHT)).hasSize(2)
                .anyMatch(v -> v.contains(pending.toString()) && v.contains("PENDING"))
                .anyMatch(v -> v.contains(running.toString()) && v.contains("IN_PROGRESS") && v.contains("lease of owner"));
        assertThat(report.violations()).filteredOn(v -> v.startsWith(Invariants.COMPLETED_ONCE)).isNotEmpty();
        // What a campaign that never goes quiet says about them.
        List<FileRecord> records = Snapshot.records(history.state);
        assertThat(Quiescence.inFlight(records)).hasSize(2)
                .anyMatch(r -> r.startsWith(pending + " PENDING, attempt 0/"))
                .anyMatch(r -> r.startsWith(running + " IN_PROGRESS, attempt 1/") && r.contains(", lease owner owner until "));
        assertThat(Quiescence.busy(records, List.of(c, d))).contains("1 PENDING", "1 IN_PROGRESS", "; first: ");
    }

    @Test
    void twoCompletedRecordsOfOneFileAreReported() throws Exception {
        History history = new History();
        String again = "[{\"ean\":\"a\"}]";
        // Another version of the key, completed too instead of superseding the first (or being superseded).
        FileId twin = FileId.ofEtag(history.input, history.a.key(), "0123456789abcdef0123456789abcdef");
        history.state.register(twin, sha(again), again.length(), 3);
        history.state.complete(twin, "owner", history.claim(twin).record().version(),
                new FileOutputs("xml/" + history.a.key() + ".xml", history.state.findObject(history.input, history.a.key()).get(0).outputSha256(), 1, 0));

        World world = new World(store, history.state, KAFKA.get().bootstrapServers(), history.topic, history.input, history.output);
        InvariantReport report = Invariants.check(Snapshot.read(world), List.of(history.a, history.b, history.malformed), SELECTED);

        assertThat(report.violations()).anyMatch(v -> v.equals(Invariants.COMPLETED_ONCE + ": " + history.a.key()
                + " has 2 COMPLETED records (statuses {COMPLETED=2})"));
    }

    @Test
    void aMalformedFileThatCompletedIsReported() throws Exception {
        History history = new History();
        String bad = "[{\"ean\":";
        FileId other = FileId.ofEtag(history.input, history.malformed.key(), "0123456789abcdef0123456789abcdef");
        history.state.register(other, sha(bad), bad.length(), 3);
        history.state.complete(other, "owner", history.claim(other).record().version(),
                new FileOutputs("xml/" + history.a.key() + ".xml", history.state.findObject(history.input, history.a.key()).get(0).outputSha256(), 1, 0));

        InvariantReport report = history.judge();

        assertThat(report.violations()).anyMatch(v -> v.equals(Invariants.MALFORMED_REJECTED + ": " + other + " is malformed but COMPLETED"));
    }

    @Test
    void anInputThatIsNotWhatWasUploadedIsReported() throws Exception {
        History history = new History();
        byte[] cut = "[{\"ean\":\"b\"".getBytes(StandardCharsets.UTF_8);
        store.put(new ObjectLocation(history.input, history.b.key()), cut, cut.length, null, Map.of(), "application/json");

        InvariantReport report = history.judge();

        assertThat(report.violations()).anyMatch(v -> v.startsWith(Invariants.NO_PARTIAL_OBJECT + ": input " + history.b.key()))
                .anyMatch(v -> v.startsWith(Invariants.RECORDS_MATCH_OBJECTS + ": input " + history.b.key()));
    }
}
