package com.productflow.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.productflow.common.config.DotEnv;
import com.productflow.common.config.SettingsSource;
import com.productflow.convert.ConversionOptions;
import com.productflow.extract.publish.ExtractSettings;
import com.productflow.extract.publish.KafkaSettings;
import com.productflow.extract.sql.Database;
import com.productflow.functions.convert.ConvertHandler;
import com.productflow.functions.extract.ExtractHandler;
import com.productflow.functions.ingest.IngestHandler;
import com.productflow.functions.ingest.ListFilesHandler;
import com.productflow.functions.state.RecordOutcomeHandler;
import com.productflow.functions.state.RedriveHandler;
import com.productflow.pipeline.FileConversionJob;
import com.productflow.pipeline.FileIngest;
import com.productflow.pipeline.OutcomeRecorder;
import com.productflow.pipeline.OutputKeys;
import com.productflow.pipeline.Redrive;
import com.productflow.pipeline.S3Conversion;
import com.productflow.pipeline.SfnExecutionStarter;
import com.productflow.pipeline.extract.ExtractJob;
import com.productflow.stack.sfn.LambdaHandlers;
import com.productflow.stack.sfn.LocalFunction;
import com.productflow.stack.sfn.LocalLambdaServer;
import com.productflow.state.FileStateStore;
import com.productflow.state.dynamo.DynamoWatermarkStore;
import com.productflow.storage.ObjectTransfers;
import com.productflow.storage.S3ObjectStore;
import com.productflow.storage.TransferOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The real handler classes built with the local adapters (what {@code Wiring} does from settings in AWS)
 * and registered in the local Lambda API under the template's function names; counts invocations.
 */
final class LocalFunctions {
    private static final Duration FUNCTION_TIMEOUT = Duration.ofMinutes(15);
    private final LocalLambdaServer lambda;
    private final LocalOptions options;
    private final Set<String> names = new TreeSet<>();
    private final Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();

    LocalFunctions(LocalLambdaServer lambda, LocalOptions options) {
        this.lambda = lambda;
        this.options = options;
    }

    /** The local servers the handlers use. */
    record Adapters(S3Client s3, DynamoDbClient dynamo, FileStateStore state, SfnClient sfn, String processFileArn,
                    Database products, String kafkaBootstrap) {}

    void registerAll(Adapters a) {
        ObjectTransfers transfers = new ObjectTransfers(new S3ObjectStore(a.s3(), false), TransferOptions.defaults());
        SfnExecutionStarter executions = new SfnExecutionStarter(a.sfn(), a.processFileArn());
        register(LocalSystem.LIST_FILES, new ListFilesHandler(transfers.store()));
        register(LocalSystem.INGEST, new IngestHandler(new FileIngest(transfers, a.state(), executions, options.maxAttempts())));
        // CONVERT_* settings apply locally too (defaults -> .env -> environment).
        ConversionOptions conversion = ConversionOptions.fromSettings(SettingsSource.standard(Map.of()));
        register(LocalSystem.CONVERT, new ConvertHandler(new FileConversionJob(a.state(), S3Conversion.productFeed(transfers, conversion),
                new OutputKeys(options.outputBucket(), options.outputPrefix()), options.lease())));
        register(LocalSystem.RECORD_OUTCOME, new RecordOutcomeHandler(new OutcomeRecorder(a.state()), Clock.systemUTC()));
        // ReservedConcurrentExecutions: 1 in template.yaml for redrive and extract (one writer per watermark).
        register(LocalSystem.REDRIVE, ReservedConcurrency.limit(stream(LocalSystem.REDRIVE,
                new RedriveHandler(new Redrive(a.state(), executions, Clock.systemUTC(), options.pendingGrace()))), 1));
        SettingsSource extract = extractSettings(a.kafkaBootstrap());
        Database products = a.products();
        ExtractHandler extractHandler = new ExtractHandler(new ExtractJob(() -> products,
                new DynamoWatermarkStore(a.dynamo(), options.stateTable(), Clock.systemUTC()),
                KafkaSettings.from(extract), ExtractSettings.from(extract),
                Optional.ofNullable(options.extractToday()).or(() -> extractToday(extract)), Clock.systemUTC()));
        register(LocalSystem.EXTRACT, ReservedConcurrency.limit(stream(LocalSystem.EXTRACT, extractHandler), 1));
    }

    /**
     * The extract's settings as the template sets them (incremental), under .env and the environment; the
     * broker, topic and auth always this stack's. The broker timeouts are short: a local broker answers at once.
     */
    private SettingsSource extractSettings(String bootstrap) {
        String timeout = options.kafkaTimeout().toMillis() + "ms";
        return SettingsSource.builder()
                .layer("local defaults", Map.of(ExtractSettings.MODE, "incremental", KafkaSettings.CONNECT_TIMEOUT, timeout,
                        KafkaSettings.REQUEST_TIMEOUT, timeout, KafkaSettings.DELIVERY_TIMEOUT, options.kafkaTimeout().toMillis() * 3 + "ms"))
                .layer(".env", DotEnv.read(Path.of(".env")))
                .layer("environment", System.getenv())
                .layer("local stack", Map.of(KafkaSettings.BOOTSTRAP_SERVERS, bootstrap,
                        KafkaSettings.TOPIC, options.topic(), KafkaSettings.AUTH, "none"))
                .build();
    }

    private static Optional<LocalDate> extractToday(SettingsSource settings) {
        try {
            return settings.optional(ExtractHandler.TODAY).map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            throw settings.invalid(ExtractHandler.TODAY, "must be an ISO date such as 2026-11-25, got '"
                    + settings.optional(ExtractHandler.TODAY).orElse("") + "'");
        }
    }

    private static LocalFunction stream(String name, RequestStreamHandler handler) {
        return LambdaHandlers.stream(name, FUNCTION_TIMEOUT, handler);
    }

    private void register(String name, RequestStreamHandler handler) {
        register(name, stream(name, handler));
    }

    private void register(String name, LocalFunction function) {
        AtomicInteger count = invocations.computeIfAbsent(name, n -> new AtomicInteger());
        lambda.register(name, payload -> {
            count.incrementAndGet();
            return function.invoke(payload);
        });
        names.add(name);
    }

    Set<String> names() {
        return Set.copyOf(names);
    }

    int invocations(String function) {
        AtomicInteger count = invocations.get(function);
        return count == null ? 0 : count.get();
    }
}
