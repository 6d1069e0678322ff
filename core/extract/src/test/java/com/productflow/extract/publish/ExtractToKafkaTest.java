package com.productflow.extract.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productflow.common.config.SettingsSource;
import com.productflow.common.watermark.Watermark;
import com.productflow.extract.TestProducts;
import com.productflow.extract.load.CsvLoader;
import com.productflow.extract.sql.Database;
import com.productflow.extract.sql.JdbcWatermarkStore;
import com.productflow.stack.kafka.EmbeddedKafka;
import com.productflow.testsupport.LocalServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The extract against a real Kafka broker running in this JVM (one for the class). */
class ExtractToKafkaTest {
    private static final LocalDate TODAY = LocalDate.parse("2024-06-01");
    @RegisterExtension
    static final LocalServer<EmbeddedKafka> KAFKA = LocalServer.kafka();

    @TempDir
    Path dir;

    @Test
    void publishesEveryReadyProductOnceKeyedByEan() throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String status = i % 3 == 0 ? "shipped" : "created";
            String readiness = i % 5 == 0 ? "2024-04-01" : String.format("2024-05-%02d", 1 + i % 31);
            rows.add(TestProducts.fields(i, status, readiness, "2024-05-20T10:00:00Z"));
        }
        rows.get(1)[25] = "Nasty, \"quoted\"\nmulti-line & <b>é°—</b>";
        Database db = load(rows);
        Set<String> expected = eans(db, "SELECT ean FROM products WHERE \"articleStatus\" = 'created' AND \"b2bReadinessDate\" >= '2024-05-02'");
        assertThat(expected).hasSizeBetween(1000, 2000);

        KafkaSettings settings = kafka("happy");
        ExtractResult result = extractor(db).run(settings, selection(Map.of()), TODAY);

        assertThat(result.selected()).isEqualTo(expected.size());
        assertThat(result.published()).isEqualTo(expected.size());
        assertThat(result.failed()).isZero();
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readAll(KAFKA.get().bootstrapServers(), "happy");
        assertThat(records).hasSize(expected.size());
        assertThat(records.stream().map(TopicReader::key).toList()).containsExactlyInAnyOrderElementsOf(expected);

        ConsumerRecord<byte[], byte[]> nasty = records.stream()
                .filter(r -> TopicReader.key(r).equals(TestProducts.ean(1))).findFirst().orElseThrow();
        JsonNode json = new ObjectMapper().readTree(nasty.value());
        List<String> fieldNames = new ArrayList<>();
        json.fieldNames().forEachRemaining(fieldNames::add);
        assertThat(fieldNames).first().isEqualTo("ean");
        assertThat(fieldNames).hasSize(26).endsWith("ediDescription");
        assertThat(json.get("price_eur").isNumber()).isTrue();
        assertThat(json.get("price_eur").decimalValue()).isEqualByComparingTo("39.99");
        assertThat(json.get("b2bReadinessDate").asText()).isEqualTo("2024-05-02");
        assertThat(json.get("lastUpdated").asText()).isEqualTo("2024-05-20T10:00:00.000000Z");
        assertThat(json.get("ediDescription").asText()).isEqualTo("Nasty, \"quoted\"\nmulti-line & <b>é°—</b>");
        assertThat(new String(nasty.headers().lastHeader("productflow-run-id").value(), StandardCharsets.UTF_8)).isEqualTo(result.runId());
        assertThat(new String(nasty.headers().lastHeader("productflow-schema-version").value(), StandardCharsets.UTF_8)).isEqualTo("1");
    }

    @Test
    void anUnreachableBrokerFailsTheRunWithEverySelectedProductCountedAsFailed() throws Exception {
        Database db = load(TestProducts.ready(50));
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        KafkaSettings settings = KafkaSettings.from(SettingsSource.of(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + deadPort,
                "KAFKA_TOPIC", "nowhere",
                "KAFKA_CONNECT_TIMEOUT", "2s")));

        long start = System.nanoTime();
        assertThatThrownBy(() -> extractor(db).run(settings, selection(Map.of()), TODAY))
                .isInstanceOfSatisfying(PublishIncompleteException.class, e -> {
                    assertThat(e.result().selected()).isEqualTo(50);
                    assertThat(e.result().failed()).isEqualTo(50);
                    assertThat(e.result().published()).isZero();
                    assertThat(e.exitCode()).isEqualTo(1);
                    assertThat(e.getMessage()).contains("not reachable within 2 s");
                });
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(20);
    }

    @Test
    void aBrokerStoppedMidRunAndRestartedStillGetsEveryProductExactlyOnce() throws Exception {
        int n = 20_000;
        Database db = load(TestProducts.ready(n));
        KafkaSettings settings = kafka("restart", Map.of("KAFKA_CONNECT_TIMEOUT", "60s", "KAFKA_LINGER_MS", "5", "KAFKA_BATCH_SIZE", "16KiB"));
        AtomicBoolean cut = new AtomicBoolean();
        Thread[] restarter = new Thread[1];
        ProductExtractor extractor = extractor(db).onSent(sent -> {
            if (sent == 5_000 && cut.compareAndSet(false, true)) {
                // Stop the broker under the running producer, then bring it back a moment later.
                KAFKA.get().stop();
                restarter[0] = new Thread(() -> {
                    sleep(1500);
                    KAFKA.get().restart();
                });
                restarter[0].start();
            }
        });

        ExtractResult result = extractor.run(settings, selection(Map.of()), TODAY);
        restarter[0].join();

        assertThat(cut).isTrue();
        assertThat(result.selected()).isEqualTo(n);
        assertThat(result.published()).isEqualTo(n);
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readAll(KAFKA.get().bootstrapServers(), "restart");
        Set<String> keys = new HashSet<>();
        records.forEach(r -> keys.add(TopicReader.key(r)));
        assertThat(keys).hasSize(n);
        assertThat(records).hasSize(n);
    }

    @Test
    void aFailureOnTheSendingThreadFailsTheRunOnTheCallersThread() throws Exception {
        Database db = load(TestProducts.ready(3000));
        KafkaSettings settings = kafka("sender-failure");
        Thread caller = Thread.currentThread();
        List<Thread> sendingThreads = new ArrayList<>();
        ProductExtractor extractor = extractor(db).onSent(sent -> {
            if (sent == 1) {
                sendingThreads.add(Thread.currentThread());
            }
            if (sent == 1500) {
                throw new IllegalStateException("listener gave up at 1500");
            }
        });

        assertThatThrownBy(() -> extractor.run(settings, selection(Map.of()), TODAY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("listener gave up at 1500");
        // The records were sent from a thread of their own, which is gone once the run returned.
        assertThat(sendingThreads).singleElement().isNotSameAs(caller);
        assertThat(sendingThreads.get(0).isAlive()).isFalse();
    }

    @Test
    void incrementalPagesLargerThanTheSendingBatchesAreAllPublishedOnce() throws Exception {
        Database db = load(TestProducts.ready(2500));
        KafkaSettings settings = kafka("incremental-pages");
        ExtractSettings incremental = selection(Map.of("EXTRACT_MODE", "incremental", "EXTRACT_PAGE_SIZE", "700"));

        ExtractResult first = extractor(db).run(settings, incremental, TODAY);

        assertThat(first.selected()).isEqualTo(2500);
        assertThat(first.published()).isEqualTo(2500);
        List<String> keys = TopicReader.readAll(KAFKA.get().bootstrapServers(), "incremental-pages").stream().map(TopicReader::key).toList();
        assertThat(keys).hasSize(2500).doesNotHaveDuplicates();
        assertThat(extractor(db).run(settings, incremental, TODAY).published()).isZero();
    }

    @Test
    void keysAreTheStoredEansEvenWhenTheirJsonNeedsEscapes() throws Exception {
        Database db = load(TestProducts.ready(3));
        String odd = "57\"odd\\ean\u0001é";
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO products (ean, \"articleStatus\", \"b2bReadinessDate\", \"lastUpdated\") VALUES (?, 'created', '2024-05-20', '2024-05-20T10:00:00.000000Z')")) {
            s.setString(1, odd);
            s.executeUpdate();
            c.commit();
        }

        assertThat(extractor(db).run(kafka("odd-keys"), selection(Map.of()), TODAY).published()).isEqualTo(4);

        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readAll(KAFKA.get().bootstrapServers(), "odd-keys");
        assertThat(records.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList())
                .containsExactlyInAnyOrder(TestProducts.ean(0), TestProducts.ean(1), TestProducts.ean(2), odd);
        for (ConsumerRecord<byte[], byte[]> r : records) {
            assertThat(new ObjectMapper().readTree(r.value()).get("ean").asText()).isEqualTo(new String(r.key(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theLeadingEanIsTakenFromTheJsonOnlyWhenItHoldsNoEscape() {
        assertThat(ProductExtractor.leadingEan(bytes("{\"ean\":\"5712345678901\",\"size\":\"M\"}"))).isEqualTo(bytes("5712345678901"));
        assertThat(ProductExtractor.leadingEan(bytes("{\"ean\":\"é\"}"))).isEqualTo(bytes("é"));
        assertThat(ProductExtractor.leadingEan(bytes("{\"ean\":\"57\\\"x\"}"))).isNull();
        assertThat(ProductExtractor.leadingEan(bytes("{\"ean\":null}"))).isNull();
        assertThat(ProductExtractor.leadingEan(bytes("{\"ean\":\"unterminated"))).isNull();
        assertThat(ProductExtractor.leadingEan(bytes("{\"size\":\"M\"}"))).isNull();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSecondIncrementalRunPublishesNothingAndALaterChangeIsPublishedAlone() throws Exception {
        Database db = load(TestProducts.ready(120));
        KafkaSettings settings = kafka("incremental");
        ExtractSettings incremental = selection(Map.of("EXTRACT_MODE", "incremental", "EXTRACT_PAGE_SIZE", "50"));

        assertThat(extractor(db).run(settings, incremental, TODAY).published()).isEqualTo(120);
        ExtractResult second = extractor(db).run(settings, incremental, TODAY);
        assertThat(second.selected()).isZero();
        assertThat(second.published()).isZero();

        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "UPDATE products SET \"lastUpdated\" = '2024-05-21T00:00:00.000000Z', color = 'Red' WHERE ean = ?")) {
            s.setString(1, TestProducts.ean(7));
            s.executeUpdate();
            c.commit();
        }
        ExtractResult third = extractor(db).run(settings, incremental, TODAY);
        assertThat(third.published()).isEqualTo(1);
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readAll(KAFKA.get().bootstrapServers(), "incremental");
        assertThat(records).hasSize(121);
        assertThat(TopicReader.key(records.get(120))).isEqualTo(TestProducts.ean(7));
    }

    /**
     * An incremental run with nothing after the watermark does not open a producer (in the local system every file's
     * execution runs an extract, one at a time, and the broker round trips were most of each). Exactly-once, only
     * once the process has seen the topic's watermark: until then the topic may be behind the store and the run must
     * adopt the store's. As soon as a row follows the watermark, the broker is needed again, and a dead one fails.
     */
    @ParameterizedTest
    @ValueSource(strings = {"exactly-once", "at-least-once"})
    void anIncrementalRunWithNothingAfterTheWatermarkNeedsNoBroker(String delivery) throws Exception {
        Database db = load(TestProducts.ready(30));
        String topic = "nothing-new-" + delivery;
        ExtractSettings incremental = selection(Map.of("EXTRACT_MODE", "incremental"));
        CommittedWatermarks committed = new CommittedWatermarks();
        JdbcWatermarkStore store = new JdbcWatermarkStore(db);
        assertThat(new ProductExtractor(db, store, Clock.systemUTC(), committed)
                .run(kafka(topic, Map.of("KAFKA_DELIVERY", delivery)), incremental, TODAY).published()).isEqualTo(30);
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        KafkaSettings dead = KafkaSettings.from(SettingsSource.of(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + deadPort,
                "KAFKA_TOPIC", topic, "KAFKA_DELIVERY", delivery, "KAFKA_CONNECT_TIMEOUT", "1s")));

        ExtractResult nothing = new ProductExtractor(db, store, Clock.systemUTC(), committed).run(dead, incremental, TODAY);
        assertThat(nothing.complete()).isTrue();
        assertThat(nothing.selected()).isZero();
        if (dead.exactlyOnce()) {
            assertThatThrownBy(() -> new ProductExtractor(db, store, Clock.systemUTC(), new CommittedWatermarks()).run(dead, incremental, TODAY))
                    .as("a process that has not seen the topic's watermark asks the broker")
                    .isInstanceOf(PublishIncompleteException.class);
        }

        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "UPDATE products SET \"lastUpdated\" = '2024-05-21T00:00:00.000000Z' WHERE ean = ?")) {
            s.setString(1, TestProducts.ean(3));
            s.executeUpdate();
            c.commit();
        }
        assertThatThrownBy(() -> new ProductExtractor(db, store, Clock.systemUTC(), committed).run(dead, incremental, TODAY))
                .isInstanceOfSatisfying(PublishIncompleteException.class, e -> {
                    assertThat(e.result().selected()).isEqualTo(1);
                    assertThat(e.getMessage()).contains("not reachable within 1 s");
                });
    }

    @Test
    void equalTimestampsAcrossPageBoundariesAreNeitherSkippedNorRepeated() throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // Two groups of equal timestamps, each larger than a page of 4.
            rows.add(TestProducts.fields(i, "created", "2024-05-20", i < 13 ? "2024-05-20T10:00:00Z" : "2024-05-20T11:00:00Z"));
        }
        Database db = load(rows);
        KafkaSettings settings = kafka("equal-timestamps");
        ExtractSettings incremental = selection(Map.of("EXTRACT_MODE", "incremental", "EXTRACT_PAGE_SIZE", "4"));

        ExtractResult first = extractor(db).run(settings, incremental, TODAY);
        assertThat(first.published()).isEqualTo(23);
        assertThat(extractor(db).run(settings, incremental, TODAY).published()).isZero();

        List<String> keys = TopicReader.readAll(KAFKA.get().bootstrapServers(), "equal-timestamps").stream().map(TopicReader::key).toList();
        assertThat(keys).hasSize(23).doesNotHaveDuplicates();
        Optional<Watermark> mark = new JdbcWatermarkStore(db).load(ProductExtractor.stream("equal-timestamps", incremental));
        assertThat(mark).isPresent();
        assertThat(mark.get().ean()).isEqualTo(TestProducts.ean(22));
    }

    @Test
    void rowsInsideTheLateCommitDelayWaitForTheNextRun() throws Exception {
        String recent = java.time.Instant.now().toString();
        List<String[]> rows = new ArrayList<>(TestProducts.ready(5));
        rows.add(TestProducts.fields(99, "created", "2024-05-20", recent));
        Database db = load(rows);
        ExtractSettings incremental = selection(Map.of("EXTRACT_MODE", "incremental", "EXTRACT_LATE_COMMIT_DELAY", "1h"));
        ExtractResult result = extractor(db).run(kafka("late"), incremental, TODAY);
        assertThat(result.published()).isEqualTo(5);
    }

    private Database load(List<String[]> rows) {
        Path csv = TestProducts.write(dir.resolve("products.csv"), rows);
        Database db = Database.of("jdbc:sqlite:" + dir.resolve("products.db"));
        new CsvLoader(db).load(csv, dir.resolve("rejects.csv"));
        return db;
    }

    private static ProductExtractor extractor(Database db) {
        return new ProductExtractor(db, new JdbcWatermarkStore(db), Clock.systemUTC());
    }

    private static KafkaSettings kafka(String topic) {
        return kafka(topic, Map.of());
    }

    private static KafkaSettings kafka(String topic, Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(extra);
        values.put("KAFKA_BOOTSTRAP_SERVERS", KAFKA.get().bootstrapServers());
        values.put("KAFKA_TOPIC", topic);
        values.putIfAbsent("KAFKA_CONNECT_TIMEOUT", "10s");
        return KafkaSettings.from(SettingsSource.of(values));
    }

    private static ExtractSettings selection(Map<String, String> values) {
        return ExtractSettings.from(SettingsSource.of(values));
    }

    private static Set<String> eans(Database db, String sql) throws Exception {
        Set<String> out = new HashSet<>();
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
