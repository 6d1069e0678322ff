package com.productflow.functions.extract;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.productflow.common.config.SettingsRegistry;
import com.productflow.common.config.SettingsSource;
import com.productflow.common.watermark.WatermarkStore;
import com.productflow.extract.publish.ExtractResult;
import com.productflow.extract.publish.ExtractSettings;
import com.productflow.extract.publish.KafkaSettings;
import com.productflow.extract.publish.ProductExtractor;
import com.productflow.extract.publish.PublishIncompleteException;
import com.productflow.extract.publish.WatermarkMovedException;
import com.productflow.functions.FunctionMetrics;
import com.productflow.functions.FunctionSettings;
import com.productflow.functions.JsonHandler;
import com.productflow.functions.KafkaUnavailable;
import com.productflow.functions.TransientFailure;
import com.productflow.functions.Wiring;
import com.productflow.state.StateSettings;
import com.productflow.state.dynamo.DynamoClients;
import com.productflow.state.dynamo.DynamoWatermarkStore;
import com.productflow.storage.ObjectLocation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.lambda.powertools.parameters.secrets.SecretsProvider;

/**
 * ExtractFunction, the extract branch of process-file: ready products (articleStatus and readiness
 * window) from SQL to Kafka, keyed by EAN from an idempotent producer; incremental by a watermark in
 * the state table, so a retried or repeated run publishes only what is new. Out (the state machine's
 * {@code outputs.extract}): {@code {selected, published, failed, topic, mode}}. A broker that cannot be
 * reached, or any record not acknowledged, is {@link KafkaUnavailable}: retried, never "success".
 */
public final class ExtractHandler extends JsonHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ExtractHandler.class);

    private final SqlSource source;
    private final WatermarkStore watermarks;
    private final KafkaSettings kafka;
    private final ExtractSettings selection;
    private final Optional<LocalDate> today;
    private final Clock clock;

    public ExtractHandler() {
        this(primed(new Wiring(FunctionSettings.load())));
    }

    private static Wiring primed(Wiring wiring) {
        ExtractPriming.prime(!isPostgres(wiring.settings()));
        return wiring;
    }

    private static boolean isPostgres(SettingsSource settings) {
        return settings.get(SettingsRegistry.DB_TYPE).equals("POSTGRESQL");
    }

    private ExtractHandler(Wiring wiring) {
        this(sqlSource(wiring), watermarks(wiring), KafkaSettings.from(wiring.settings()), ExtractSettings.from(wiring.settings()),
                wiring.settings().optional(SettingsRegistry.EXTRACT_TODAY), Clock.systemUTC());
    }

    public ExtractHandler(SqlSource source, WatermarkStore watermarks, KafkaSettings kafka, ExtractSettings selection,
            Optional<LocalDate> today, Clock clock) {
        this.source = source;
        this.watermarks = watermarks;
        this.kafka = kafka;
        this.selection = selection;
        this.today = today;
        this.clock = clock;
    }

    @Override
    protected Object handle(JsonNode event, Context context) throws Exception {
        ProductExtractor extractor = new ProductExtractor(source.database(), watermarks, clock);
        ExtractResult result;
        try {
            result = extractor.run(kafka, selection, today.orElseGet(() -> LocalDate.now(clock.withZone(ZoneOffset.UTC))));
        } catch (PublishIncompleteException incomplete) {
            FunctionMetrics.count("ProductsNotPublished", incomplete.result().failed());
            throw new KafkaUnavailable(incomplete.getMessage(), incomplete);
        } catch (WatermarkMovedException concurrent) {
            // Another extract ran at the same time (a local run, or a retry racing the original):
            // try again from where that one got to.
            throw new TransientFailure(concurrent.getMessage(), concurrent);
        }
        FunctionMetrics.count("ProductsPublished", result.published());
        LOG.info("published {} of {} selected products to {} ({})", result.published(), result.selected(), result.topic(), result.mode());
        return Map.of("selected", result.selected(), "published", result.published(), "failed", result.failed(),
                "topic", result.topic(), "mode", result.mode().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** {@code DB_TYPE=postgresql}: the secret's database; else SQLite from {@code CSV_FILE_PATH} (s3://…). */
    private static SqlSource sqlSource(Wiring wiring) {
        SettingsSource settings = wiring.settings();
        if (isPostgres(settings)) {
            String arn = settings.get(SettingsRegistry.DB_SECRET_ARN);
            try (SecretsManagerClient client = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
                var database = SecretDatabase.parse(arn, SecretsProvider.builder().withClient(client).build().get(arn));
                return () -> database;
            }
        }
        ObjectLocation csv = ObjectLocation.parse(settings.get(SettingsRegistry.CSV_FILE_PATH));
        return new S3CsvSqliteSource(wiring.transfers(), csv, Path.of(System.getProperty("java.io.tmpdir"), "productflow-extract"));
    }

    private static WatermarkStore watermarks(Wiring wiring) {
        StateSettings state = wiring.stateSettings();
        return new DynamoWatermarkStore(DynamoClients.create(state), state.table(), Clock.systemUTC());
    }
}
