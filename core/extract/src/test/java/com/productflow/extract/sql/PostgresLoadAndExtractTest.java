package com.productflow.extract.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.productflow.common.config.SettingsSource;
import com.productflow.extract.TestProducts;
import com.productflow.extract.load.CsvLoader;
import com.productflow.extract.load.LoadResult;
import com.productflow.extract.publish.ExtractResult;
import com.productflow.extract.publish.ExtractSettings;
import com.productflow.extract.publish.KafkaSettings;
import com.productflow.extract.publish.ProductExtractor;
import com.productflow.stack.kafka.EmbeddedKafka;
import com.productflow.testsupport.LocalPostgres;
import com.productflow.testsupport.LocalServer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load (COPY + upsert) and extract against a real PostgreSQL server started by the test. Skips, saying
 * why, when the machine has no PostgreSQL binaries (Debian: {@code apt-get install postgresql}).
 */
class PostgresLoadAndExtractTest {
    private static LocalPostgres postgres;
    @RegisterExtension
    static final LocalServer<EmbeddedKafka> KAFKA = LocalServer.kafka();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> bin = LocalPostgres.binaries();
        Assumptions.assumeTrue(bin.isPresent(),
                "no PostgreSQL server binaries (initdb, postgres) under /usr/lib/postgresql/*/bin or on PATH: skipping");
        postgres = LocalPostgres.start(bin.get());
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void loadsWithCopyKeepsTheLastDuplicateAndExtractsIncrementally() throws Exception {
        List<String[]> rows = new ArrayList<>(TestProducts.ready(40));
        rows.get(3)[25] = "comma, \"quote\"\r\nnewline & <tag> é°—";
        rows.get(4)[14] = "";
        rows.add(TestProducts.fields(5, "created", "2024-05-25", "2024-05-25T00:00:00+02:00"));
        String[] bad = TestProducts.fields(77, "created", "2024-05-20", "yesterday");
        rows.add(bad);
        Path csv = TestProducts.write(dir.resolve("products.csv"), rows);
        Database db = Database.of(postgres.jdbcUrl());

        LoadResult result = new CsvLoader(db).load(csv, dir.resolve("rejects.csv"));

        assertThat(result.rows()).isEqualTo(42);
        assertThat(result.loaded()).isEqualTo(40);
        assertThat(result.duplicates()).isEqualTo(1);
        assertThat(result.rejected()).isEqualTo(1);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM products")) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(40);
            }
            try (ResultSet r = s.executeQuery("SELECT \"b2bReadinessDate\", \"lastUpdated\", price_eur FROM products WHERE ean = '"
                    + TestProducts.ean(5) + "'")) {
                r.next();
                assertThat(r.getObject(1, LocalDate.class)).isEqualTo(LocalDate.parse("2024-05-25"));
                assertThat(r.getObject(2, OffsetDateTime.class).toInstant()).hasToString("2024-05-24T22:00:00Z");
                assertThat(r.getBigDecimal(3)).isEqualByComparingTo(new BigDecimal("39.99"));
            }
            try (ResultSet r = s.executeQuery("SELECT \"ediDescription\", price_eur FROM products WHERE ean IN ('"
                    + TestProducts.ean(3) + "', '" + TestProducts.ean(4) + "') ORDER BY ean")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("comma, \"quote\"\r\nnewline & <tag> é°—");
                r.next();
                assertThat(r.getString(2)).isNull();
            }
        }

        KafkaSettings settings = KafkaSettings.from(SettingsSource.of(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", KAFKA.get().bootstrapServers(), "KAFKA_TOPIC", "pg", "KAFKA_CONNECT_TIMEOUT", "10s")));
        ExtractSettings incremental = ExtractSettings.from(SettingsSource.of(Map.of("EXTRACT_MODE", "incremental", "EXTRACT_PAGE_SIZE", "7")));
        ProductExtractor extractor = new ProductExtractor(db, new JdbcWatermarkStore(db), Clock.systemUTC());
        ExtractResult first = extractor.run(settings, incremental, LocalDate.parse("2024-06-01"));
        assertThat(first.published()).isEqualTo(40);
        assertThat(extractor.run(settings, incremental, LocalDate.parse("2024-06-01")).published()).isZero();
        ExtractResult full = extractor.run(settings, ExtractSettings.from(SettingsSource.of(Map.of())), LocalDate.parse("2024-06-01"));
        assertThat(full.published()).isEqualTo(40);
        assertThat(extractor.run(settings, ExtractSettings.from(SettingsSource.of(Map.of("DEFAULT_DAYS_BACK", "3"))),
                LocalDate.parse("2024-06-01")).selected()).isZero();
    }
}
