package com.productflow.local;

import com.productflow.extract.load.LoadResult;
import com.productflow.pipeline.ExecutionNames;
import com.productflow.stack.dynamo.Dynalite;
import com.productflow.stack.kafka.EmbeddedKafka;
import com.productflow.stack.s3.S3Stack;
import com.productflow.stack.sfn.Execution;
import com.productflow.stack.sfn.LocalLambdaServer;
import com.productflow.stack.sfn.LocalStepFunctions;
import com.productflow.stack.sfn.StepFunctionsException;
import com.productflow.state.FileId;
import com.productflow.state.dynamo.DynamoClients;
import com.productflow.state.dynamo.DynamoFileStateStore;
import com.productflow.state.dynamo.StateTables;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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

    private final LocalOptions options;
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private S3Stack s3;
    private S3Client s3Client;
    private Dynalite dynamo;
    private EmbeddedKafka kafka;
    private ProductsDatabase products;
    private LocalFunctions functions;
    private DynamoDbClient dynamoClient;
    private DynamoFileStateStore state;
    private LocalLambdaServer lambda;
    private LocalStepFunctions sfn;
    private SfnClient sfnClient;
    private String processFileArn;
    private String backfillArn;
    private IngestDispatcher dispatcher;

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
        CompletableFuture<EmbeddedKafka> kafkaStarting = BackgroundStart.begin("kafka", () -> {
            EmbeddedKafka broker = EmbeddedKafka.start();
            try {
                KafkaTopics.create(broker.bootstrapServers(), options.topic());
                return broker;
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
        });
        toClose.push(BackgroundStart.closer(kafkaStarting));
        CompletableFuture<Dynalite> dynamoStarting = BackgroundStart.begin("dynalite", Dynalite::start);
        toClose.push(BackgroundStart.closer(dynamoStarting));

        s3 = S3Stack.startTransient();
        toClose.push(s3);
        s3Client = s3.client();
        toClose.push(s3Client);
        s3.createBucket(options.inputBucket());
        s3.createBucket(options.outputBucket());
        log.info("s3proxy on %s (buckets %s, %s)", s3.endpoint(), options.inputBucket(), options.outputBucket());

        dynamo = BackgroundStart.await(dynamoStarting);
        dynamoClient = DynamoClients.local(dynamo.endpoint());
        toClose.push(dynamoClient);
        StateTables.createIfMissing(dynamoClient, options.stateTable());
        state = new DynamoFileStateStore(dynamoClient, options.stateTable(), Clock.systemUTC(), Duration.ofDays(30));
        log.info("dynalite on %s (pid %d, table %s)", dynamo.endpoint(), dynamo.pid(), options.stateTable());
        products = ProductsDatabase.load(options.productsCsv());
        toClose.push(products);
        if (products.load() != null) {
            log.info("SQLite: %d of %d rows of %s loaded, %d rejected", products.load().loaded(), products.load().rows(),
                    options.productsCsv(), products.load().rejected());
        }

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
        kafka = BackgroundStart.await(kafkaStarting);
        log.info("Kafka on %s (topic %s)", kafka.bootstrapServers(), options.topic());
        functions = new LocalFunctions(lambda, options);
        functions.registerAll(new LocalFunctions.Adapters(s3Client, dynamoClient, state, sfnClient, processFileArn,
                products.database(), kafka.bootstrapServers()));
        log.info("Lambda API on %s (%s); Step Functions on %s (pid %d)", lambda.endpoint(), String.join(", ", functions.names()),
                sfn.endpoint(), sfn.pid());

        if (options.watch()) {
            dispatcher = new IngestDispatcher(new LambdaInvoker(lambda.endpoint()), REGION, options.inputBucket(), log);
            toClose.push(dispatcher);
            toClose.push(BucketWatcher.start(s3Client, options.inputBucket(), options.pollInterval(), dispatcher::objectCreated, log));
            toClose.push(ExecutionMonitor.start(sfn, processFileArn, state, Duration.ofMillis(250), log));
        }
        log.info("local system ready in %.1f s", (System.nanoTime() - start) / 1e9);
    }

    /** How often the Lambda API has invoked a function so far (tests count the state machine's retries). */
    public int invocations(String function) {
        return functions.invocations(function);
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
        return functions.names();
    }

    /** The broker (tests stop and restart it to simulate an outage). */
    public EmbeddedKafka kafka() {
        return kafka;
    }

    /** What loading the products CSV into SQLite did (null without a CSV). */
    public LoadResult productsLoad() {
        return products.load();
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
