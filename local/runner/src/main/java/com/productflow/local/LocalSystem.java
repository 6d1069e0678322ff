package com.productflow.local;

import com.productflow.common.config.SettingsSource;
import com.productflow.convert.ConversionOptions;
import com.productflow.common.config.DotEnv;
import com.productflow.extract.load.CsvLoader;
import com.productflow.extract.load.LoadResult;
import com.productflow.extract.publish.ExtractSettings;
import com.productflow.extract.publish.KafkaSettings;
import com.productflow.extract.sql.Database;
import com.productflow.functions.Wiring;
import com.productflow.functions.extract.ExtractHandler;
import com.productflow.stack.kafka.EmbeddedKafka;
import com.productflow.state.dynamo.DynamoWatermarkStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicInteger;
import com.productflow.functions.convert.ConvertHandler;
import com.productflow.functions.ingest.IngestHandler;
import com.productflow.functions.ingest.ListFilesHandler;
import com.productflow.functions.state.RecordOutcomeHandler;
import com.productflow.functions.state.RedriveHandler;
import com.productflow.pipeline.ExecutionNames;
import com.productflow.pipeline.FileConversionJob;
import com.productflow.pipeline.FileIngest;
import com.productflow.pipeline.OutcomeRecorder;
import com.productflow.pipeline.OutputKeys;
import com.productflow.pipeline.Redrive;
import com.productflow.pipeline.SfnExecutionStarter;
import com.productflow.stack.dynamo.Dynalite;
import com.productflow.stack.s3.S3Stack;
import com.productflow.stack.sfn.Execution;
import com.productflow.stack.sfn.LambdaHandlers;
import com.productflow.stack.sfn.LocalFunction;
import com.productflow.stack.sfn.LocalLambdaServer;
import com.productflow.stack.sfn.LocalStepFunctions;
import com.productflow.stack.sfn.StepFunctionsException;
import com.productflow.state.FileId;
import com.productflow.state.dynamo.DynamoClients;
import com.productflow.state.dynamo.DynamoFileStateStore;
import com.productflow.state.dynamo.StateTables;
import com.productflow.storage.ObjectTransfers;
import com.productflow.storage.S3ObjectStore;
import com.productflow.storage.TransferOptions;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The whole system on 127.0.0.1 with no Docker and no AWS: s3proxy (input and output buckets), dynalite
 * (the state table), a Kafka broker (KRaft, in-process, the topic created), SQLite loaded from the products
 * CSV (the extract's source), the Lambda Invoke API serving the real handler classes under the template's function
 * names, the Step Functions executor running the real {@code statemachine/*.asl.json} with their
 * substitutions, and a bucket watcher standing in for the S3 notification. Every server is on a free port;
 * {@link #close()} stops all of them (Node processes by PID), in reverse order of start.
 */
public final class LocalSystem implements AutoCloseable {
    public static final String INGEST = "IngestFunction";
    public static final String CONVERT = "ConvertFunction";
    public static final String EXTRACT = "ExtractFunction";
    public static final String RECORD_OUTCOME = "RecordOutcomeFunction";
    public static final String LIST_FILES = "ListFilesFunction";
    public static final String REDRIVE = "RedriveFunction";
    public static final String REGION = "us-east-1";
    /** The functions of template.yaml, all served by the local Lambda API. */
    public static final List<String> FUNCTIONS = List.of(INGEST, CONVERT, EXTRACT, RECORD_OUTCOME, LIST_FILES, REDRIVE);
    private static final Duration FUNCTION_TIMEOUT = Duration.ofMinutes(15);

    private final LocalOptions options;
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private S3Stack s3;
    private S3Client s3Client;
    private Dynalite dynamo;
    private EmbeddedKafka kafka;
    private Database products;
    private LoadResult productsLoad;
    private DynamoDbClient dynamoClient;
    private DynamoFileStateStore state;
    private LocalLambdaServer lambda;
    private LocalStepFunctions sfn;
    private SfnClient sfnClient;
    private String processFileArn;
    private String backfillArn;
    private IngestDispatcher dispatcher;
    private final Set<String> functionNames = new java.util.TreeSet<>();
    private final Map<String, AtomicInteger> invocations = new java.util.concurrent.ConcurrentHashMap<>();

    private LocalSystem(LocalOptions options) {
        this.options = options;
    }

    /** Starts everything, or (on any failure) stops what had started and rethrows. */
    public static LocalSystem start(LocalOptions options) throws IOException {
        LocalSystem system = new LocalSystem(options);
        try {
            system.startAll();
            return system;
        } catch (IOException | RuntimeException | Error e) {
            system.close();
            throw e;
        }
    }

    private void startAll() throws IOException {
        LocalLog log = options.log();
        long start = System.nanoTime();
        // The broker (~3 s) and dynalite (a Node process) start while s3proxy and the executor do.
        CompletableFuture<EmbeddedKafka> kafkaStarting = inBackground("kafka", () -> {
            EmbeddedKafka broker = EmbeddedKafka.start();
            try {
                KafkaTopics.create(broker.bootstrapServers(), options.topic());
                return broker;
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
        });
        toClose.push(() -> closeStarted(kafkaStarting));
        CompletableFuture<Dynalite> dynamoStarting = inBackground("dynalite", Dynalite::start);
        toClose.push(() -> closeStarted(dynamoStarting));

        s3 = S3Stack.startTransient();
        toClose.push(s3);
        s3Client = s3.client();
        toClose.push(s3Client);
        s3.createBucket(options.inputBucket());
        s3.createBucket(options.outputBucket());
        log.info("s3proxy on %s (buckets %s, %s)", s3.endpoint(), options.inputBucket(), options.outputBucket());

        dynamo = await(dynamoStarting);
        dynamoClient = DynamoClients.local(dynamo.endpoint());
        toClose.push(dynamoClient);
        StateTables.createIfMissing(dynamoClient, options.stateTable());
        state = new DynamoFileStateStore(dynamoClient, options.stateTable(), Clock.systemUTC(), Duration.ofDays(30));
        log.info("dynalite on %s (pid %d, table %s)", dynamo.endpoint(), dynamo.pid(), options.stateTable());
        loadProducts(log);

        lambda = LocalLambdaServer.start();
        toClose.push(lambda);
        LocalStepFunctions.Options sfnOptions = LocalStepFunctions.Options.of(lambda.endpoint());
        if (options.retryInterval() != null) {
            sfnOptions = sfnOptions.withRetryInterval(options.retryInterval());
        }
        sfn = LocalStepFunctions.start(sfnOptions);
        toClose.push(sfn);
        sfnClient = SfnClient.builder()
                .endpointOverride(sfn.endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        toClose.push(sfnClient);
        processFileArn = sfn.deploy("process-file", Map.of(
                "ConvertFunctionArn", LocalLambdaServer.functionArn(CONVERT),
                "ExtractFunctionArn", LocalLambdaServer.functionArn(EXTRACT),
                "RecordOutcomeFunctionArn", LocalLambdaServer.functionArn(RECORD_OUTCOME)));
        backfillArn = sfn.deploy("backfill", Map.of(
                "ListFilesFunctionArn", LocalLambdaServer.functionArn(LIST_FILES),
                "IngestFunctionArn", LocalLambdaServer.functionArn(INGEST)));
        kafka = await(kafkaStarting);
        log.info("Kafka on %s (topic %s)", kafka.bootstrapServers(), options.topic());
        registerFunctions();
        log.info("Lambda API on %s (%s); Step Functions on %s (pid %d)", lambda.endpoint(), String.join(", ", functionNames),
                sfn.endpoint(), sfn.pid());

        if (options.watch()) {
            dispatcher = new IngestDispatcher(new LambdaInvoker(lambda.endpoint()), REGION, options.inputBucket(), log);
            toClose.push(dispatcher);
            toClose.push(BucketWatcher.start(s3Client, options.inputBucket(), options.pollInterval(), dispatcher::objectCreated, log));
            toClose.push(ExecutionMonitor.start(sfn, processFileArn, state, Duration.ofMillis(250), log));
        }
        log.info("local system ready in %.1f s", (System.nanoTime() - start) / 1e9);
    }

    private static <T> CompletableFuture<T> inBackground(String name, Supplier<T> task) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                future.complete(task.get());
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        }, "start-" + name);
        starter.setDaemon(true);
        starter.start();
        return future;
    }

    private static <T> T await(CompletableFuture<T> starting) {
        try {
            return starting.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Stops a server started in the background once its start has ended (a failed start left nothing). */
    private static void closeStarted(CompletableFuture<? extends AutoCloseable> starting) throws Exception {
        AutoCloseable server;
        try {
            server = starting.join();
        } catch (CompletionException failed) {
            return;
        }
        server.close();
    }

    /** The extract's source: the products CSV bulk-loaded into SQLite in a folder removed on close. */
    private void loadProducts(LocalLog log) throws IOException {
        Path workDir = Files.createTempDirectory("productflow-local-");
        toClose.push(() -> deleteRecursively(workDir));
        products = Database.of("jdbc:sqlite:" + workDir.resolve("products.db"));
        if (options.productsCsv() != null) {
            productsLoad = new CsvLoader(products).load(options.productsCsv(), workDir.resolve("products.rejects.csv"));
            log.info("SQLite: %d of %d rows of %s loaded, %d rejected", productsLoad.loaded(), productsLoad.rows(),
                    options.productsCsv(), productsLoad.rejected());
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * The extract's settings as the template sets them (incremental), under .env and the environment; the
     * broker, topic and auth always this stack's. The broker timeouts are short: a local broker answers at once.
     */
    private SettingsSource extractSettings() {
        String timeout = options.kafkaTimeout().toMillis() + "ms";
        return SettingsSource.builder()
                .layer("local defaults", Map.of(ExtractSettings.MODE, "incremental", KafkaSettings.CONNECT_TIMEOUT, timeout,
                        KafkaSettings.REQUEST_TIMEOUT, timeout, KafkaSettings.DELIVERY_TIMEOUT, options.kafkaTimeout().toMillis() * 3 + "ms"))
                .layer(".env", DotEnv.read(Path.of(".env")))
                .layer("environment", System.getenv())
                .layer("local stack", Map.of(KafkaSettings.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                        KafkaSettings.TOPIC, options.topic(), KafkaSettings.AUTH, "none"))
                .build();
    }

    private static Optional<LocalDate> extractToday(SettingsSource settings) {
        try {
            return settings.optional(ExtractHandler.TODAY).map(LocalDate::parse);
        } catch (java.time.format.DateTimeParseException e) {
            throw settings.invalid(ExtractHandler.TODAY, "must be an ISO date such as 2026-11-25, got '"
                    + settings.optional(ExtractHandler.TODAY).orElse("") + "'");
        }
    }

    private void registerFunctions() {
        ObjectTransfers transfers = new ObjectTransfers(new S3ObjectStore(s3Client, false), TransferOptions.defaults());
        SfnExecutionStarter executions = new SfnExecutionStarter(sfnClient, processFileArn);
        register(LIST_FILES, new ListFilesHandler(transfers.store()));
        register(INGEST, new IngestHandler(new FileIngest(transfers, state, executions, options.maxAttempts())));
        // CONVERT_* settings apply locally too (defaults -> .env -> environment).
        ConversionOptions conversion = ConversionOptions.fromSettings(SettingsSource.standard(Map.of()));
        register(CONVERT, new ConvertHandler(new FileConversionJob(state, Wiring.productFeedConversion(transfers, conversion),
                new OutputKeys(options.outputBucket(), options.outputPrefix()), options.lease())));
        register(RECORD_OUTCOME, new RecordOutcomeHandler(new OutcomeRecorder(state), Clock.systemUTC()));
        // ReservedConcurrentExecutions: 1 in template.yaml for redrive and extract (one writer per watermark).
        register(REDRIVE, ReservedConcurrency.limit(LambdaHandlers.stream(REDRIVE, FUNCTION_TIMEOUT,
                new RedriveHandler(new Redrive(state, executions, Clock.systemUTC(), options.pendingGrace()))), 1));
        SettingsSource extract = extractSettings();
        Database database = products;
        ExtractHandler extractHandler = new ExtractHandler(() -> database,
                new DynamoWatermarkStore(dynamoClient, options.stateTable(), Clock.systemUTC()),
                KafkaSettings.from(extract), ExtractSettings.from(extract),
                Optional.ofNullable(options.extractToday()).or(() -> extractToday(extract)),
                Clock.systemUTC());
        register(EXTRACT, ReservedConcurrency.limit(LambdaHandlers.stream(EXTRACT, FUNCTION_TIMEOUT, extractHandler), 1));
    }

    private void register(String name, RequestStreamHandler handler) {
        register(name, LambdaHandlers.stream(name, FUNCTION_TIMEOUT, handler));
    }

    private void register(String name, LocalFunction function) {
        AtomicInteger count = invocations.computeIfAbsent(name, n -> new AtomicInteger());
        lambda.register(name, payload -> {
            count.incrementAndGet();
            return function.invoke(payload);
        });
        functionNames.add(name);
    }

    /** How often the Lambda API has invoked a function so far (tests count the state machine's retries). */
    public int invocations(String function) {
        AtomicInteger count = invocations.get(function);
        return count == null ? 0 : count.get();
    }

    public LocalEndpoints endpoints() {
        return new LocalEndpoints(s3.endpoint(), kafka.bootstrapServers(), dynamo.endpoint(), sfn.endpoint(), lambda.endpoint(),
                options.inputBucket(), options.outputBucket(), options.topic(), REGION, S3Stack.ACCESS_KEY, S3Stack.SECRET_KEY,
                options.stateTable(), processFileArn, backfillArn);
    }

    public LocalOptions options() {
        return options;
    }

    /** The functions served by the local Lambda API. */
    public Set<String> functionNames() {
        return Set.copyOf(functionNames);
    }

    /** The broker (tests stop and restart it to simulate an outage). */
    public EmbeddedKafka kafka() {
        return kafka;
    }

    /** What loading the products CSV into SQLite did (null without a CSV). */
    public LoadResult productsLoad() {
        return productsLoad;
    }

    public S3Client s3() {
        return s3Client;
    }

    public DynamoFileStateStore state() {
        return state;
    }

    public LocalStepFunctions stepFunctions() {
        return sfn;
    }

    public LambdaInvoker lambda() {
        return new LambdaInvoker(lambda.endpoint());
    }

    public String backfillArn() {
        return backfillArn;
    }

    public String processFileArn() {
        return processFileArn;
    }

    /** PIDs of the server processes this system started (for tests that check nothing is left running). */
    public List<Long> pids() {
        return List.of(dynamo.pid(), sfn.pid());
    }

    /** Ports this system listens on. */
    public List<Integer> ports() {
        return List.of(s3.port(), kafka.port(), dynamo.port(), sfn.endpoint().getPort(), lambda.endpoint().getPort());
    }

    /** The ARN the first execution for this upload has (ingest names it deterministically). */
    public String executionArnFor(FileId file, int attempt) {
        return processFileArn.replace(":stateMachine:", ":execution:") + ":" + ExecutionNames.forAttempt(file, attempt);
    }

    /**
     * Waits until attempt {@code attempt} of the file's process-file execution exists and has closed
     * (the watcher and ingest start it within a moment of the upload); the execution as it ended.
     */
    public Execution awaitExecution(FileId file, int attempt, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String arn = executionArnFor(file, attempt);
        while (true) {
            try {
                Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
                return sfn.await(arn, left);
            } catch (StepFunctionsException notYet) {
                if (!"ExecutionDoesNotExist".equals(notYet.errorType())) {
                    throw notYet;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no execution " + arn + " within " + timeout + ": " + notYet.getMessage(), notYet);
                }
                sleep(50);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops everything started, newest first; keeps going past a failure and reports the first one. */
    @Override
    public void close() {
        RuntimeException first = null;
        while (!toClose.isEmpty()) {
            try {
                toClose.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("stopping the local system: " + e.getMessage(), e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
