package com.productflow.extract.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.productflow.common.config.SettingsSource;
import com.productflow.common.watermark.Watermark;
import com.productflow.extract.TestProducts;
import com.productflow.extract.load.CsvLoader;
import com.productflow.extract.sql.Database;
import com.productflow.extract.sql.JdbcWatermarkStore;
import com.productflow.stack.kafka.EmbeddedKafka;
import com.productflow.testsupport.LocalServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once across crashes, against a real broker in this JVM: a run that dies after the broker acknowledged a
 * page and before the watermark was committed, a run still alive when the next one starts (a zombie), and the
 * at-least-once mode kept for brokers without transactions. "Dies" is an exception thrown from the hook the
 * production code calls at that very moment ({@link ProductExtractor#beforeWatermarkCommit}).
 */
class ExactlyOnceExtractTest {
    private static final LocalDate TODAY = LocalDate.parse("2024-06-01");
    private static final int PRODUCTS = 2500;
    private static final int PAGE = 700;
    @RegisterExtension
    static final LocalServer<EmbeddedKafka> KAFKA = LocalServer.kafka();

    @TempDir
    Path dir;

    @Test
    void aCrashBetweenAcknowledgedRecordsAndTheWatermarkCommitPublishesEveryProductExactlyOnce() throws Exception {
        Database db = load(PRODUCTS);
        KafkaSettings settings = kafka("eo-crash", Map.of());
        AtomicInteger pages = new AtomicInteger();
        ProductExtractor crashing = extractor(db).beforeWatermarkCommit(mark -> {
            if (pages.incrementAndGet() == 2) {
                throw new IllegalStateException("crash after page 2 was acknowledged");
            }
        });

        assertThatThrownBy(() -> crashing.run(settings, incremental(), TODAY)).hasMessage("crash after page 2 was acknowledged");
        // The broker did hold page 2 (a reader of uncommitted data sees it), but committed readers see page 1 only.
        assertThat(TopicReader.readAll(KAFKA.get().bootstrapServers(), "eo-crash", false)).hasSize(2 * PAGE);
        assertThat(TopicReader.readAll(KAFKA.get().bootstrapServers(), "eo-crash")).hasSize(PAGE);
        assertThat(TopicWatermarks.read(settings, stream("eo-crash")).map(Watermark::ean)).contains(TestProducts.ean(PAGE - 1));

        ExtractResult second = extractor(db).run(settings, incremental(), TODAY);

        assertThat(second.published()).isEqualTo(PRODUCTS - PAGE);
        List<String> keys = TopicReader.readAll(KAFKA.get().bootstrapServers(), "eo-crash").stream().map(TopicReader::key).toList();
        assertThat(keys).hasSize(PRODUCTS).doesNotHaveDuplicates().containsAll(List.of(TestProducts.ean(0), TestProducts.ean(PRODUCTS - 1)));
        Watermark last = new Watermark(lastUpdated(PRODUCTS - 1), TestProducts.ean(PRODUCTS - 1));
        assertThat(TopicWatermarks.read(settings, stream("eo-crash"))).contains(last);
        // The store keeps a copy for operators.
        assertThat(new JdbcWatermarkStore(db).load(stream("eo-crash"))).contains(last);
        assertThat(extractor(db).run(settings, incremental(), TODAY).published()).isZero();
    }

    @Test
    void aRunStillAliveWhenTheNextStartsIsFencedAndNothingItSentBecomesVisible() throws Exception {
        Database db = load(PRODUCTS);
        KafkaSettings settings = kafka("eo-zombie", Map.of());
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ProductExtractor zombie = extractor(db).beforeWatermarkCommit(mark -> {
            paused.countDown();
            await(release);
        });
        CompletableFuture<ExtractResult> zombieRun = CompletableFuture.supplyAsync(() -> zombie.run(settings, incremental(), TODAY));
        assertThat(paused.await(60, TimeUnit.SECONDS)).isTrue();

        // The zombie's first page is acknowledged and its transaction open; the next run takes over the same id.
        ExtractResult next = extractor(db).run(settings, incremental(), TODAY);
        release.countDown();

        assertThat(next.published()).isEqualTo(PRODUCTS);
        assertThat(zombieRun).failsWithin(60, TimeUnit.SECONDS).withThrowableThat()
                .havingRootCause().isInstanceOfAny(org.apache.kafka.common.errors.ProducerFencedException.class,
                        org.apache.kafka.common.errors.InvalidProducerEpochException.class);
        assertThatThrownBy(zombieRun::join).hasCauseInstanceOf(WatermarkMovedException.class)
                .hasMessageContaining("transactional id productflow-extract-eo-zombie");
        List<ConsumerRecord<byte[], byte[]>> committed = TopicReader.readAll(KAFKA.get().bootstrapServers(), "eo-zombie");
        assertThat(committed.stream().map(TopicReader::key).toList()).hasSize(PRODUCTS).doesNotHaveDuplicates();
        assertThat(TopicReader.readAll(KAFKA.get().bootstrapServers(), "eo-zombie", false)).hasSize(PRODUCTS + PAGE);
    }

    @Test
    void atLeastOnceStillPublishesEverythingAndACrashBeforeTheWatermarkRepeatsThatPage() throws Exception {
        Database db = load(PRODUCTS);
        KafkaSettings settings = kafka("alo-crash", Map.of("KAFKA_DELIVERY", "at-least-once"));
        assertThat(settings.transactionalProperties()).isEmpty();
        AtomicInteger pages = new AtomicInteger();
        ProductExtractor crashing = extractor(db).beforeWatermarkCommit(mark -> {
            if (pages.incrementAndGet() == 2) {
                throw new IllegalStateException("crash after page 2 was acknowledged");
            }
        });
        assertThatThrownBy(() -> crashing.run(settings, incremental(), TODAY)).hasMessageContaining("crash");

        ExtractResult second = extractor(db).run(settings, incremental(), TODAY);

        // The documented consequence: page 2 was published by both runs.
        assertThat(second.published()).isEqualTo(PRODUCTS - PAGE);
        List<String> keys = TopicReader.readAll(KAFKA.get().bootstrapServers(), "alo-crash").stream().map(TopicReader::key).toList();
        assertThat(keys).hasSize(PRODUCTS + PAGE);
        assertThat(keys.stream().distinct().count()).isEqualTo(PRODUCTS);
        assertThat(partitionsOf("alo-crash-watermarks")).as("at-least-once keeps no watermark topic").isZero();
    }

    @Test
    void theCommittedWatermarkIsTheTruthAndTheStoreCopyIsUsedOnlyWhenItIsLater() throws Exception {
        Database db = load(PRODUCTS);
        KafkaSettings exactlyOnce = kafka("eo-switch", Map.of());
        // At-least-once runs before: the store has a watermark, the topic none.
        assertThat(extractor(db).run(exactlyOnce.withDelivery(KafkaDelivery.AT_LEAST_ONCE), incremental(), TODAY).published())
                .isEqualTo(PRODUCTS);
        assertThat(extractor(db).run(exactlyOnce, incremental(), TODAY).published()).isZero();

        // The store's copy lost (an operator deleted it): the committed watermark still says where the stream is.
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM productflow_watermark");
            c.commit();
        }
        assertThat(extractor(db).run(exactlyOnce, incremental(), TODAY).published()).isZero();
        assertThat(TopicReader.readAll(KAFKA.get().bootstrapServers(), "eo-switch")).hasSize(PRODUCTS);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.get().bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "eo-switch-watermarks");
            Config config = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
        assertThat(partitionsOf("eo-switch-watermarks")).isEqualTo(1);
    }

    @Test
    void fullRunsCommitPageByPageAndLeaveNothingUncommitted() throws Exception {
        Database db = load(PRODUCTS);
        KafkaSettings settings = kafka("eo-full", Map.of());
        ExtractResult result = extractor(db).run(settings, selection(Map.of("EXTRACT_PAGE_SIZE", Integer.toString(PAGE))), TODAY);
        assertThat(result.published()).isEqualTo(PRODUCTS);
        assertThat(TopicReader.readAll(KAFKA.get().bootstrapServers(), "eo-full")).hasSize(PRODUCTS);
        assertThat(TopicReader.readAll(KAFKA.get().bootstrapServers(), "eo-full", false)).hasSize(PRODUCTS);
    }

    @Test
    void aBadWatermarkRecordStopsTheRunNamingTopicAndOffset() {
        assertThatThrownBy(() -> TopicWatermarks.decode("t-watermarks", 7, "{\"ean\":\"1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .hasMessageContaining("offset 7 of topic t-watermarks").hasMessageContaining("lastUpdated or ean missing");
        Watermark mark = new Watermark(lastUpdated(3), "57\"odd\\ean");
        assertThat(TopicWatermarks.decode("t", 0, TopicWatermarks.encode(mark, "run"))).contains(mark);
        assertThat(TopicWatermarks.decode("t", 0, null)).isEmpty();
    }

    private static java.time.Instant lastUpdated(int i) {
        return java.time.Instant.parse(TestProducts.ready(i + 1).get(i)[22]);
    }

    private static int partitionsOf(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.get().bootstrapServers()))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)
                    ? admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size()
                    : 0;
        }
    }

    private static String stream(String topic) {
        return ProductExtractor.stream(topic, incremental());
    }

    private static ExtractSettings incremental() {
        return selection(Map.of("EXTRACT_MODE", "incremental", "EXTRACT_PAGE_SIZE", Integer.toString(PAGE)));
    }

    private static ExtractSettings selection(Map<String, String> values) {
        return ExtractSettings.from(SettingsSource.of(values));
    }

    private Database load(int n) {
        Path csv = TestProducts.write(dir.resolve("products.csv"), TestProducts.ready(n));
        Database db = Database.of("jdbc:sqlite:" + dir.resolve("products.db"));
        new CsvLoader(db).load(csv, dir.resolve("rejects.csv"));
        return db;
    }

    private static ProductExtractor extractor(Database db) {
        return new ProductExtractor(db, new JdbcWatermarkStore(db), Clock.systemUTC());
    }

    private static KafkaSettings kafka(String topic, Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(extra);
        values.put("KAFKA_BOOTSTRAP_SERVERS", KAFKA.get().bootstrapServers());
        values.put("KAFKA_TOPIC", topic);
        values.put("KAFKA_CONNECT_TIMEOUT", "20s");
        return KafkaSettings.from(SettingsSource.of(values));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
