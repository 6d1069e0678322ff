package com.productflow.pipeline.extract;

import com.productflow.common.config.SettingsRegistry;
import com.productflow.common.config.SettingsSource;
import com.productflow.common.watermark.WatermarkStore;
import com.productflow.extract.publish.CommittedWatermarks;
import com.productflow.extract.publish.ExtractResult;
import com.productflow.extract.publish.ExtractSettings;
import com.productflow.extract.publish.KafkaSettings;
import com.productflow.extract.publish.ProductExtractor;
import com.productflow.storage.ObjectLocation;
import com.productflow.storage.ObjectTransfers;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One extract run: ready products (articleStatus and readiness window) from the SQL source to Kafka,
 * keyed by EAN, incremental by the watermark. The source is resolved at every run; when the database
 * refuses the credentials (a rotated secret), they are read again once and the run retried once.
 */
public final class ExtractJob {
    /** Ends the readiness window on this day instead of today (tests, the demo's fixed sample data). */
    public static final String TODAY = SettingsRegistry.EXTRACT_TODAY.key();
    public static final String DB_TYPE = SettingsRegistry.DB_TYPE.key();
    public static final String DB_SECRET_ARN = SettingsRegistry.DB_SECRET_ARN.key();
    public static final String DB_SECRET_MAX_AGE = SettingsRegistry.DB_SECRET_MAX_AGE.key();
    public static final String CSV_FILE_PATH = SettingsRegistry.CSV_FILE_PATH.key();
    /** PostgreSQL's invalid_password and invalid_authorization_specification. */
    private static final Set<String> AUTHENTICATION_FAILED = Set.of("28P01", "28000");
    private static final Logger LOG = LoggerFactory.getLogger(ExtractJob.class);

    private final SqlSource source;
    private final WatermarkStore watermarks;
    private final KafkaSettings kafka;
    private final ExtractSettings selection;
    private final Optional<LocalDate> today;
    private final Clock clock;
    /**
     * How much later than a request a run must have begun to cover it. The request's time is Step Functions'
     * clock ({@code $$.Execution.StartTime}), the run's this function's: both synchronised by the Amazon Time
     * Sync Service in AWS (well under a millisecond apart), one clock locally. Were they ever further apart, a
     * product that became ready in that sliver of time would wait for the next run, as one that becomes ready
     * just after a run always does: delayed, never lost. While requests queue (one run at a time), a smaller
     * margin lets more of them be answered by the run that began after them instead of running again.
     */
    public static final Duration COVER_MARGIN = Duration.ofMillis(100);

    /** Kept across runs (a function instance's life): lets a run with nothing to publish skip the broker. */
    private final CommittedWatermarks committed = new CommittedWatermarks();
    /** This instance's last run that published everything it selected, and when it began. */
    private final AtomicReference<CompletedRun> lastComplete = new AtomicReference<>();

    private record CompletedRun(Instant began, ExtractResult result) {
    }

    public ExtractJob(SqlSource source, WatermarkStore watermarks, KafkaSettings kafka, ExtractSettings selection,
            Optional<LocalDate> today, Clock clock) {
        this.source = source;
        this.watermarks = watermarks;
        this.kafka = kafka;
        this.selection = selection;
        this.today = today;
        this.clock = clock;
    }

    /**
     * The job the settings describe: the source ({@link #source}), Kafka ({@code KAFKA_*}), the selection
     * ({@code ARTICLE_STATUS}, {@code DEFAULT_DAYS_BACK}, {@code EXTRACT_*}) and {@code EXTRACT_TODAY}.
     * Nothing is read or connected here: the source is resolved by each {@link #run()}.
     */
    public static ExtractJob fromSettings(SettingsSource settings, Supplier<ObjectTransfers> transfers,
            Supplier<SecretStore> secrets, WatermarkStore watermarks) {
        return new ExtractJob(source(settings, transfers, secrets), watermarks, KafkaSettings.from(settings),
                ExtractSettings.from(settings), today(settings), Clock.systemUTC());
    }

    public static boolean usesPostgres(SettingsSource settings) {
        return "postgresql".equalsIgnoreCase(settings.get(SettingsRegistry.DB_TYPE));
    }

    /**
     * {@code DB_TYPE=postgresql}: the database of the secret {@code DB_SECRET_ARN}, read at run time and
     * cached at most {@code DB_SECRET_MAX_AGE} (default 5 minutes); else ({@code sqlite}, the default)
     * the products CSV at {@code CSV_FILE_PATH} (s3://…) loaded into SQLite under the temp folder.
     */
    public static SqlSource source(SettingsSource settings, Supplier<ObjectTransfers> transfers, Supplier<SecretStore> secrets) {
        // DB_TYPE is a choice of sqlite or postgresql: the registry rejects anything else, naming the key.
        if (usesPostgres(settings)) {
            Duration maxAge = settings.get(SettingsRegistry.DB_SECRET_MAX_AGE);
            return new SecretSqlSource(settings.get(SettingsRegistry.DB_SECRET_ARN), secrets.get(), maxAge);
        }
        ObjectLocation csv = ObjectLocation.parse(settings.get(SettingsRegistry.CSV_FILE_PATH));
        return new S3CsvSqliteSource(transfers.get(), csv, Path.of(System.getProperty("java.io.tmpdir"), "productflow-extract"));
    }

    private static Optional<LocalDate> today(SettingsSource settings) {
        return settings.optional(SettingsRegistry.EXTRACT_TODAY);
    }

    /**
     * Publishes what was ready when a request was made at {@code requested}, unless a complete run of this instance
     * that began at least {@link #COVER_MARGIN} later already did: then {@link ExtractResult#coveredBy that run},
     * with nothing read or sent. Every file's execution asks for an extract and they run one at a time, so a
     * backlog of requests is answered by the one run that began after all of them.
     */
    public ExtractResult run(Instant requested) throws IOException {
        CompletedRun last = lastComplete.get();
        if (last != null && !last.began().isBefore(requested.plus(COVER_MARGIN))) {
            LOG.info("requested at {}: covered by run {}, which began at {}", requested, last.result().runId(), last.began());
            return ExtractResult.coveredBy(last.result());
        }
        return run();
    }

    /** Publishes what is ready; see {@link ProductExtractor#run} for what its exceptions mean. */
    public ExtractResult run() throws IOException {
        Instant began = clock.instant();
        ExtractResult result;
        try {
            result = runOnce();
        } catch (RuntimeException e) {
            if (!authenticationFailed(e) || !source.refreshCredentials()) {
                throw e;
            }
            LOG.warn("the database refused the credentials; reading them again and retrying once: {}", e.getMessage());
            result = runOnce();
        }
        LOG.info("published {} of {} selected products to {} ({})", result.published(), result.selected(), result.topic(), result.mode());
        if (result.complete()) {
            lastComplete.set(new CompletedRun(began, result));
        }
        return result;
    }

    private ExtractResult runOnce() throws IOException {
        LocalDate day = today.orElseGet(() -> LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        return new ProductExtractor(source.database(), watermarks, clock, committed).run(kafka, selection, day);
    }

    static boolean authenticationFailed(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && AUTHENTICATION_FAILED.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
