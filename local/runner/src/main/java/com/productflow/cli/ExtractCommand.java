package com.productflow.cli;

import com.productflow.common.BadInputException;
import com.productflow.common.config.SettingsRegistry;
import com.productflow.common.config.SettingsSource;
import com.productflow.common.json.SummaryLine;
import com.productflow.common.watermark.WatermarkStore;
import com.productflow.extract.publish.ExtractResult;
import com.productflow.extract.publish.ExtractSettings;
import com.productflow.extract.publish.KafkaSettings;
import com.productflow.extract.publish.ProductExtractor;
import com.productflow.extract.publish.PublishIncompleteException;
import com.productflow.extract.sql.Database;
import com.productflow.extract.sql.JdbcWatermarkStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code productflow extract}: publishes the ready products to Kafka, one message per EAN. */
@Command(
        name = "extract",
        mixinStandardHelpOptions = true,
        description = {
            "Select products with articleStatus = STATUS and b2bReadinessDate >= TODAY - DAYS and publish each to Kafka",
            "(key = EAN, value = product JSON). Exits 1 unless the broker acknowledged every selected product.",
            "Prints {\"selected\":N,\"published\":N,\"failed\":N,\"topic\":...,\"seconds\":S} (also when it fails)."
        })
final class ExtractCommand implements Callable<Integer> {
    @Mixin
    SettingFlags flags;

    @Option(names = "--db", descriptionKey = "DB_URL", paramLabel = "JDBC_URL", description = "Source database (setting DB_URL).")
    String db;

    @Option(names = "--bootstrap", descriptionKey = "KAFKA_BOOTSTRAP_SERVERS", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (setting KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrap;

    @Option(names = "--topic", descriptionKey = "KAFKA_TOPIC", paramLabel = "TOPIC", description = "Topic (setting KAFKA_TOPIC, default product-updates).")
    String topic;

    @Option(names = "--status", descriptionKey = "ARTICLE_STATUS", paramLabel = "S", description = "articleStatus to select (setting ARTICLE_STATUS, default created).")
    String status;

    @Option(names = "--days", descriptionKey = "DEFAULT_DAYS_BACK", paramLabel = "N", description = "Days back from today (setting DEFAULT_DAYS_BACK, default 30).")
    String days;

    @Option(names = "--today", paramLabel = "YYYY-MM-DD", description = "The day the window ends (default: today, UTC).")
    String today;

    @Option(names = "--mode", descriptionKey = "EXTRACT_MODE", paramLabel = "full|incremental", description = "Setting EXTRACT_MODE, default full.")
    String mode;

    @Option(names = "--delivery", descriptionKey = "KAFKA_DELIVERY", paramLabel = "exactly-once|at-least-once",
            description = "Setting KAFKA_DELIVERY, default exactly-once (Kafka transactions; consumers must read committed).")
    String delivery;

    @Option(names = "--connect-timeout", descriptionKey = "KAFKA_CONNECT_TIMEOUT", paramLabel = "DURATION",
            description = "How long to wait for an unreachable broker, e.g. 30s (setting KAFKA_CONNECT_TIMEOUT, default 30s).")
    String connectTimeout;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        SettingsSource settings = flags.settings(LocalDiscovery.Service.KAFKA);
        KafkaSettings kafka = KafkaSettings.from(settings);
        ExtractSettings selection = ExtractSettings.from(settings);
        Database database = database(settings);
        LocalDate day = today == null ? LocalDate.now(ZoneOffset.UTC) : parseDay(today);
        WatermarkStore watermarks = new JdbcWatermarkStore(database);

        try {
            System.err.println("productflow extract: " + selection.mode().name().toLowerCase(java.util.Locale.ROOT)
                    + " run to topic " + kafka.topic() + " at " + kafka.bootstrapServers() + ", "
                    + kafka.delivery().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            ExtractResult result = new ProductExtractor(database, watermarks, Clock.systemUTC()).run(kafka, selection, day);
            System.out.println(summary(result, start));
            return 0;
        } catch (PublishIncompleteException e) {
            // The counts are the report; print them even though the run failed.
            System.out.println(summary(e.result(), start));
            throw e;
        }
    }

    static Database database(SettingsSource settings) {
        return new Database(settings.get(SettingsRegistry.DB_URL), settings.optional(SettingsRegistry.DB_USER).orElse(null),
                settings.optional(SettingsRegistry.DB_PASSWORD).orElse(null));
    }

    private static SummaryLine summary(ExtractResult result, long start) {
        return new SummaryLine()
                .put("selected", result.selected())
                .put("published", result.published())
                .put("failed", result.failed())
                .put("topic", result.topic())
                .seconds(start);
    }

    private static LocalDate parseDay(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadInputException("--today must be a date like 2024-06-01, got '" + text + "'");
        }
    }
}
