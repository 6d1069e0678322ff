package com.productflow.functions.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productflow.common.config.SettingsSource;
import com.productflow.extract.load.CsvLoader;
import com.productflow.extract.publish.ExtractSettings;
import com.productflow.extract.publish.KafkaSettings;
import com.productflow.extract.sql.Database;
import com.productflow.extract.sql.JdbcWatermarkStore;
import com.productflow.functions.InvalidInput;
import com.productflow.functions.KafkaUnavailable;
import com.productflow.pipeline.extract.ExtractJob;
import com.productflow.pipeline.extract.SqlSource;
import com.productflow.stack.kafka.EmbeddedKafka;
import com.productflow.testsupport.LocalServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The handler against a real in-process broker and the committed sample CSV in SQLite. */
class ExtractHandlerTest {
    private static final LocalDate SAMPLE_DAY = LocalDate.of(2026, 11, 25);
    @RegisterExtension
    static final LocalServer<EmbeddedKafka> KAFKA = LocalServer.kafka();

    private static ExtractHandler handler(Database database, String bootstrap, String mode) {
        return handler(database, bootstrap, mode, "products-" + UUID.randomUUID());
    }

    private static ExtractHandler handler(Database database, String bootstrap, String mode, String topic) {
        return handler(() -> database, database, bootstrap, mode, topic, Clock.systemUTC());
    }

    private static ExtractHandler handler(SqlSource source, Database database, String bootstrap, String mode, String topic,
            Clock clock) {
        SettingsSource settings = SettingsSource.of(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrap, "KAFKA_TOPIC", topic,
                "EXTRACT_MODE", mode, "KAFKA_CONNECT_TIMEOUT", "3s", "KAFKA_REQUEST_TIMEOUT", "3s", "KAFKA_DELIVERY_TIMEOUT", "10s",
                "EXTRACT_LATE_COMMIT_DELAY", "0s"));
        return new ExtractHandler(new ExtractJob(source, new JdbcWatermarkStore(database), KafkaSettings.from(settings),
                ExtractSettings.from(settings), Optional.of(SAMPLE_DAY), clock));
    }

    private static JsonNode invoke(ExtractHandler handler) throws Exception {
        return invoke(handler, "{\"file\":{},\"executionId\":\"e\"}");
    }

    /** As the state machine asks: with the execution's start time. */
    private static JsonNode invoke(ExtractHandler handler, Instant executionStarted) throws Exception {
        return invoke(handler, "{\"file\":{},\"executionId\":\"e\",\"executionStartTime\":\"" + executionStarted + "\"}");
    }

    private static JsonNode invoke(ExtractHandler handler, String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return new ObjectMapper().readTree(out.toByteArray());
    }

    private static Database sampleDatabase(Path dir) {
        Database database = Database.of("jdbc:sqlite:" + dir.resolve("products.db"));
        new CsvLoader(database).load(Path.of("../../samples/products.csv"), dir.resolve("rejects.csv"));
        return database;
    }

    @Test
    void incrementalRunsPublishTheReadyProductsOnce(@TempDir Path dir) throws Exception {
        ExtractHandler handler = handler(sampleDatabase(dir), KAFKA.get().bootstrapServers(), "incremental");
        JsonNode first = invoke(handler);
        JsonNode second = invoke(handler);
        assertThat(first.get("published").asLong()).isPositive().isEqualTo(first.get("selected").asLong());
        assertThat(first.get("failed").asLong()).isZero();
        assertThat(first.get("mode").asText()).isEqualTo("incremental");
        assertThat(second.get("published").asLong()).isZero();
    }

    /**
     * Every file's execution asks for an extract, one at a time: a request made at least COVER_MARGIN before a
     * complete run began is answered by that run, with nothing read from SQL or sent; any later request runs.
     */
    @Test
    void aRequestMadeBeforeACompleteRunBeganIsCoveredByItAndReadsNothing(@TempDir Path dir) throws Exception {
        Database database = sampleDatabase(dir);
        AtomicInteger reads = new AtomicInteger();
        Instant runsBegin = Instant.now();
        ExtractHandler handler = handler(() -> {
            reads.incrementAndGet();
            return database;
        }, database, KAFKA.get().bootstrapServers(), "incremental", "products-" + UUID.randomUUID(), Clock.fixed(runsBegin, ZoneOffset.UTC));

        JsonNode first = invoke(handler, runsBegin.minusSeconds(5));
        assertThat(first.get("published").asLong()).isPositive();
        assertThat(first.has("coveredBy")).isFalse();
        assertThat(reads).hasValue(1);

        JsonNode covered = invoke(handler, runsBegin.minus(ExtractJob.COVER_MARGIN));
        assertThat(covered.get("coveredBy").asText()).isNotBlank();
        assertThat(covered.get("selected").asLong()).isZero();
        assertThat(covered.get("published").asLong()).isZero();
        assertThat(reads).as("a covered request reads nothing").hasValue(1);

        invoke(handler, runsBegin.minus(ExtractJob.COVER_MARGIN).plusMillis(1));
        assertThat(reads).as("a run that began less than the margin after the request does not cover it").hasValue(2);
        invoke(handler, runsBegin.plusSeconds(1));
        assertThat(reads).as("a request made after the last run began").hasValue(3);
        invoke(handler);
        assertThat(reads).as("a request without a time always runs").hasValue(4);
    }

    @Test
    void anExecutionStartTimeThatIsNotATimeIsInvalidInput(@TempDir Path dir) {
        ExtractHandler handler = handler(sampleDatabase(dir), "127.0.0.1:9", "full");
        assertThatThrownBy(() -> invoke(handler, "{\"executionStartTime\":\"yesterday\"}"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("executionStartTime").hasMessageContaining("yesterday");
    }

    @Test
    void aZombieWithTheExtractsTransactionalIdIsFencedAndWhatItLeftOpenNeverBecomesVisible(@TempDir Path dir) throws Exception {
        String topic = "products-" + UUID.randomUUID();
        String bootstrap = KAFKA.get().bootstrapServers();
        Properties zombieConfig = new Properties();
        zombieConfig.put("bootstrap.servers", bootstrap);
        zombieConfig.put("transactional.id", "productflow-extract-" + topic);
        try (KafkaProducer<byte[], byte[]> zombie = new KafkaProducer<>(zombieConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
            // An earlier run, frozen (or killed) after the broker acknowledged its records and before it committed.
            zombie.initTransactions();
            zombie.beginTransaction();
            for (int i = 0; i < 50; i++) {
                zombie.send(new ProducerRecord<>(topic, ("zombie-" + i).getBytes(StandardCharsets.UTF_8), new byte[1])).get();
            }

            JsonNode result = invoke(handler(sampleDatabase(dir), bootstrap, "incremental", topic));

            assertThatThrownBy(zombie::commitTransaction).isInstanceOfAny(ProducerFencedException.class, InvalidProducerEpochException.class);
            long published = result.get("published").asLong();
            assertThat(published).isPositive().isEqualTo(result.get("selected").asLong());
            Map<String, Long> keys = committedKeys(bootstrap, topic);
            assertThat(keys.keySet()).noneMatch(k -> k.startsWith("zombie-")).hasSize((int) published);
            assertThat(keys.values()).containsOnly(1L);
        }
    }

    /** Each key on the topic, read committed as the extract's consumers must, with how often it appears. */
    private static Map<String, Long> committedKeys(String bootstrap, String topic) {
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed",
                "enable.auto.commit", false);
        Map<String, Long> keys = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.merge(new String(r.key(), StandardCharsets.UTF_8), 1L, Long::sum));
            }
        }
        return keys;
    }

    @Test
    void anUnreachableBrokerIsKafkaUnavailableNeverSuccess(@TempDir Path dir) {
        ExtractHandler handler = handler(sampleDatabase(dir), "127.0.0.1:9", "full");
        assertThatThrownBy(() -> invoke(handler)).isInstanceOf(KafkaUnavailable.class).hasMessageContaining("127.0.0.1:9");
        assertThatThrownBy(() -> invoke(handler, Instant.now().minusSeconds(60)))
                .as("a failed run covers nothing").isInstanceOf(KafkaUnavailable.class);
    }
}
