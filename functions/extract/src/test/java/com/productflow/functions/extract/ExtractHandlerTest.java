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
import com.productflow.functions.KafkaUnavailable;
import com.productflow.pipeline.extract.ExtractJob;
import com.productflow.stack.kafka.EmbeddedKafka;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handler against a real in-process broker and the committed sample CSV in SQLite. */
class ExtractHandlerTest {
    private static final LocalDate SAMPLE_DAY = LocalDate.of(2026, 11, 25);
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    private static ExtractHandler handler(Database database, String bootstrap, String mode) {
        SettingsSource settings = SettingsSource.of(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrap, "KAFKA_TOPIC", "products-" + UUID.randomUUID(),
                "EXTRACT_MODE", mode, "KAFKA_CONNECT_TIMEOUT", "3s", "KAFKA_REQUEST_TIMEOUT", "3s", "KAFKA_DELIVERY_TIMEOUT", "10s",
                "EXTRACT_LATE_COMMIT_DELAY", "0s"));
        return new ExtractHandler(new ExtractJob(() -> database, new JdbcWatermarkStore(database), KafkaSettings.from(settings),
                ExtractSettings.from(settings), Optional.of(SAMPLE_DAY), Clock.systemUTC()));
    }

    private static JsonNode invoke(ExtractHandler handler) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream("{\"file\":{},\"executionId\":\"e\"}".getBytes(StandardCharsets.UTF_8)), out, null);
        return new ObjectMapper().readTree(out.toByteArray());
    }

    private static Database sampleDatabase(Path dir) {
        Database database = Database.of("jdbc:sqlite:" + dir.resolve("products.db"));
        new CsvLoader(database).load(Path.of("../../samples/products.csv"), dir.resolve("rejects.csv"));
        return database;
    }

    @Test
    void incrementalRunsPublishTheReadyProductsOnce(@TempDir Path dir) throws Exception {
        ExtractHandler handler = handler(sampleDatabase(dir), kafka.bootstrapServers(), "incremental");
        JsonNode first = invoke(handler);
        JsonNode second = invoke(handler);
        assertThat(first.get("published").asLong()).isPositive().isEqualTo(first.get("selected").asLong());
        assertThat(first.get("failed").asLong()).isZero();
        assertThat(first.get("mode").asText()).isEqualTo("incremental");
        assertThat(second.get("published").asLong()).isZero();
    }

    @Test
    void anUnreachableBrokerIsKafkaUnavailableNeverSuccess(@TempDir Path dir) {
        ExtractHandler handler = handler(sampleDatabase(dir), "127.0.0.1:9", "full");
        assertThatThrownBy(() -> invoke(handler)).isInstanceOf(KafkaUnavailable.class).hasMessageContaining("127.0.0.1:9");
    }
}
