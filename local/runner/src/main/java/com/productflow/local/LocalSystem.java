package com.productflow.local;

import com.productflow.coldstart.FunctionCatalog;
import com.productflow.common.BadInputException;
import com.productflow.pipeline.ExecutionNames;
import com.productflow.stack.dynamo.Dynalite;
import com.productflow.stack.kafka.EmbeddedKafka;
import com.productflow.stack.s3.S3Stack;
import com.productflow.stack.sfn.Execution;
import com.productflow.stack.sfn.LocalLambdaServer;
import com.productflow.stack.sfn.LocalStepFunctions;
import com.productflow.stack.node.NodeTools;
import com.productflow.stack.sfn.StepFunctionsException;
import com.productflow.state.FileId;
import com.productflow.state.dynamo.DynamoClients;
import com.productflow.state.dynamo.DynamoFileStateStore;
import com.productflow.state.dynamo.StateTables;
import com.productflow.storage.ObjectLocation;
import com.productflow.template.EnvVars;
import com.productflow.template.FunctionConfig;
import com.productflow.template.TemplateStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole system on 127.0.0.1 with no Docker and no AWS, as template.yaml defines it: s3proxy (the stack's
 * buckets), dynalite (its table), a Kafka broker (KRaft, in-process, the extract's topic created), the Lambda
 * API running every function of the template in its own JVM from its own deployment jar
 * ({@link FunctionProcesses}) with the template's handler, environment, timeout and reserved concurrency,
 * the Step Functions executor running the template's state machines with their substitutions, the
 * template's schedules, and a bucket watcher standing in for the S3 notification. What the template cannot
 * give locally comes from the env-vars file (local/env.json). Every server is on a free port;
 * {@link #close()} stops all of them (processes by PID), in reverse order of start. docs/local.md tells
 * what is read from where and what differs from AWS.
 */
public final class LocalSystem implements AutoCloseable {
    public static final String INGEST = "IngestFunction";
    public static final String CONVERT = "ConvertFunction";
    public static final String EXTRACT = "ExtractFunction";
    public static final String RECORD_OUTCOME = "RecordOutcomeFunction";
    public static final String LIST_FILES = "ListFilesFunction";
    public static final String REDRIVE = "RedriveFunction";
    public static final String REGION = LocalStackResources.REGION;
    /** ExtractHandler's "today" setting (functions/extract): the local clock for the sample data. */
    static final String EXTRACT_TODAY = "EXTRACT_TODAY";
    /** How long start() waits for every function's init (its JVM start and handler constructor). */
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(120);

    private final LocalOptions options;
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private DataDir data;
    private S3Stack s3;
    private S3Client s3Client;
    private Dynalite dynamo;
    private EmbeddedKafka kafka;
    private FunctionProcesses functions;
    private DynamoDbClient dynamoClient;
    private DynamoFileStateStore state;
    private LocalLambdaServer lambda;
    private LocalStepFunctions sfn;
    private String processFileArn;
    private String backfillArn;
    private IngestDispatcher dispatcher;
    private TemplateStack stack;
    private List<FunctionConfig> configs;
    private String inputBucket;
    private String outputBucket;
    private String stateTable;
    private String topic;

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
        // Bad input (template, overrides, env-vars file) stops the start before any server runs.
        stack = TemplateStack.load(options.template(), options.parameterOverrides());
        // A data dir is locked before anything reads or writes in it (a second run on it stops here, exit 2).
        if (options.dataDir() != null) {
            data = DataDir.open(options.dataDir());
            toClose.push(data);
            log.info("data dir %s (S3, DynamoDB, Kafka, executions and settings kept across restarts)", data.root());
        }
        Path envVarsFile = data == null ? options.envVars() : data.settings(options.envVars(),
                options.envVars() != null && !options.envVars().equals(LocalOptions.defaultEnvVars()));
        EnvVars envVars = envVarsFile == null ? EnvVars.none() : EnvVars.read(envVarsFile);
        // The broker (~3 s) and dynalite (a Node process) start while s3proxy and the executor do.
        CompletableFuture<EmbeddedKafka> kafkaStarting = BackgroundStart.begin("kafka",
                data == null ? EmbeddedKafka::start : () -> EmbeddedKafka.startPersistent(data.kafka()));
        toClose.push(BackgroundStart.closer(kafkaStarting));
        CompletableFuture<Dynalite> dynamoStarting = BackgroundStart.begin("dynalite",
                () -> Dynalite.start(data == null ? Optional.empty() : Optional.of(data.dynamodb())));
        toClose.push(BackgroundStart.closer(dynamoStarting));

        s3 = data == null ? S3Stack.startTransient() : S3Stack.startFilesystem(data.s3());
        toClose.push(s3);
        s3Client = s3.client();
        toClose.push(s3Client);
        lambda = LocalLambdaServer.start();
        toClose.push(lambda);
        LocalStepFunctions.Options sfnOptions = LocalStepFunctions.Options.of(lambda.endpoint());
        if (options.retryInterval() != null) {
            sfnOptions = sfnOptions.withRetryInterval(options.retryInterval());
        }
        if (data != null) {
            sfnOptions = sfnOptions.withJournal(data.executionsJournal());
        }
        sfn = LocalStepFunctions.start(sfnOptions);
        toClose.push(sfn);

        // The state machines first: the functions' environment names them (STATE_MACHINE_ARN).
        List<String> functionNames = stack.functionNames();
        Map<String, String> machines = new LinkedHashMap<>();
        TemplateStack.Resources beforeMachines = LocalStackResources.of(options, functionNames, Map.of());
        Path templateFolder = options.template().toAbsolutePath().getParent();
        for (TemplateStack.StateMachineConfig machine : stack.stateMachines(beforeMachines)) {
            String name = machine.definitionUri().getFileName().toString().replaceFirst("\\.asl\\.json$", "");
            String definition = Files.readString(templateFolder.resolve(machine.definitionUri()));
            machines.put(machine.name(), sfn.createStateMachine(name, definition, machine.substitutions()));
        }
        processFileArn = machines.get("ProcessFileStateMachine");
        backfillArn = machines.get("BackfillStateMachine");
        TemplateStack.Resources resources = LocalStackResources.of(options, functionNames, machines);
        configs = stack.functions(resources, envVars, message -> log.warn("%s", message));
        inputBucket = stack.output("InputBucket", resources);
        outputBucket = stack.output("OutputBucket", resources);
        stateTable = stack.output("StateTable", resources);

        s3.createBucketIfMissing(inputBucket);
        if (!outputBucket.equals(inputBucket)) {
            s3.createBucketIfMissing(outputBucket);
        }
        log.info("s3proxy on %s (buckets %s, %s)", s3.endpoint(), inputBucket, outputBucket);
        Optional<FunctionConfig> extract = function(EXTRACT);
        putProductsCsv(extract, log);

        dynamo = BackgroundStart.await(dynamoStarting);
        dynamoClient = DynamoClients.local(dynamo.endpoint());
        toClose.push(dynamoClient);
        StateTables.createIfMissing(dynamoClient, stateTable);
        state = new DynamoFileStateStore(dynamoClient, stateTable, Clock.systemUTC(), Duration.ofDays(30));
        log.info("dynalite on %s (pid %d, table %s)", dynamo.endpoint(), dynamo.pid(), stateTable);

        functions = data == null ? FunctionProcesses.create(log) : FunctionProcesses.in(data.functions(), log);
        toClose.push(functions);
        Map<String, String> endpoints = new LinkedHashMap<>(Map.of("s3", s3.endpoint().toString(), "dynamodb",
                dynamo.endpoint().toString(), "stepfunctions", sfn.endpoint().toString(), "lambda", lambda.endpoint().toString()));
        Map<String, FunctionCatalog.Function> jars = new LinkedHashMap<>();
        FunctionCatalog.load(NodeTools.projectRoot()).forEach(f -> jars.put(f.logicalId(), f));
        List<FunctionConfig> afterKafka = new ArrayList<>();
        for (FunctionConfig config : configs) {
            if (config.environment().values().stream().anyMatch(v -> LocalStackResources.needs(v, "kafka"))) {
                afterKafka.add(config);
            } else {
                startFunction(config, jars, endpoints);
            }
        }
        kafka = BackgroundStart.await(kafkaStarting);
        endpoints.put("kafka", kafka.bootstrapServers());
        topic = extract.map(f -> f.environment().get("KAFKA_TOPIC")).orElse(null);
        if (topic != null) {
            KafkaTopics.create(kafka.bootstrapServers(), topic);
        }
        log.info("Kafka on %s (topic %s)", kafka.bootstrapServers(), topic);
        for (FunctionConfig config : afterKafka) {
            startFunction(config, jars, endpoints);
        }

        if (options.watch()) {
            // The S3 "Object Created" rule's target (IngestFunction's EventBridgeRule event in the template).
            List<String> targets = stack.objectCreatedTargets();
            if (targets.size() != 1) {
                throw new BadInputException(options.template() + ": expected one function with an S3 Object Created event, found "
                        + targets);
            }
            dispatcher = new IngestDispatcher(new LambdaInvoker(lambda.endpoint()), targets.get(0), REGION, inputBucket, log);
            toClose.push(dispatcher);
            toClose.push(data == null ? BucketWatcher.start(s3, s3Client, inputBucket, dispatcher::objectCreated)
                    : BucketWatcher.start(s3, s3Client, inputBucket, dispatcher::objectCreated, this::unfinished));
            toClose.push(ExecutionMonitor.start(sfn, processFileArn, state, Duration.ofMillis(250), log));
            toClose.push(Schedules.start(configs, new LambdaInvoker(lambda.endpoint()), options.scheduleRate(), log));
        }
        // Ready means every function's init is done (its JVM started, its handler constructed), so the first
        // file is not slowed by cold starts; an invocation arriving earlier would wait for it, as in Lambda.
        try {
            if (!functions.awaitInit(INIT_TIMEOUT)) {
                log.warn("not every function finished its init within %s; see %s", INIT_TIMEOUT, functions.logs());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the functions start", e);
        }
        if (data != null) {
            // Now that the functions they call are ready: what a crash interrupted runs again, as AWS retries a task.
            List<String> resumed = sfn.resumeExecutions();
            log.info("resumed %d execution(s) a stop interrupted%s", resumed.size(), resumed.isEmpty() ? "" : ": " + resumed);
        }
        log.info("Lambda API on %s (%s, each in its own JVM; logs in %s); Step Functions on %s (pid %d)", lambda.endpoint(),
                String.join(", ", functions.names()), functions.logs(), sfn.endpoint(), sfn.pid());
        log.info("local system ready in %.1f s", (System.nanoTime() - start) / 1e9);
    }

    /** The function's environment as Lambda would give it: the template's, the runtime's own variables, the local endpoints. */
    private void startFunction(FunctionConfig config, Map<String, FunctionCatalog.Function> jars, Map<String, String> endpoints)
            throws IOException {
        FunctionCatalog.Function packaged = jars.get(config.name());
        if (packaged == null) {
            throw new BadInputException("Makefile: no " + config.name() + "_MODULE / " + config.name() + "_JAR for template function "
                    + config.name());
        }
        Map<String, String> env = new LinkedHashMap<>();
        // Local only, below the template's values: the sample data's "today" and short waits for the local broker.
        if (options.extractToday() != null) {
            env.put(EXTRACT_TODAY, options.extractToday().toString());
        }
        if (options.kafkaTimeout() != null) {
            String timeout = options.kafkaTimeout().toMillis() + "ms";
            env.put("KAFKA_CONNECT_TIMEOUT", timeout);
            env.put("KAFKA_REQUEST_TIMEOUT", timeout);
            env.put("KAFKA_DELIVERY_TIMEOUT", options.kafkaTimeout().toMillis() * 3 + "ms");
        }
        config.environment().forEach((key, value) -> env.put(key, LocalStackResources.placeholders(value, endpoints,
                options.envVars() + " " + config.name() + " " + key)));
        // What the Lambda service sets (the template cannot override these), pointed at the local servers.
        env.put("_HANDLER", config.handler());
        env.put("AWS_LAMBDA_FUNCTION_NAME", config.name());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(config.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + config.name());
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_REGION", REGION);
        env.put("AWS_DEFAULT_REGION", REGION);
        // The local servers' own test keys (s3proxy checks them; the others take any).
        env.put("AWS_ACCESS_KEY_ID", S3Stack.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", S3Stack.SECRET_KEY);
        env.put("AWS_ENDPOINT_URL_S3", endpoints.get("s3"));
        env.put("AWS_ENDPOINT_URL_DYNAMODB", endpoints.get("dynamodb"));
        env.put("AWS_ENDPOINT_URL_SFN", endpoints.get("stepfunctions"));
        env.put("AWS_ENDPOINT_URL_LAMBDA", endpoints.get("lambda"));
        env.put("LANG", "en_US.UTF-8");
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        functions.start(config, packaged.jar(NodeTools.projectRoot()), env, lambda);
    }

    /**
     * The extract's source as in AWS: with DB_TYPE sqlite, the products CSV is put where CSV_FILE_PATH
     * (s3://bucket/key, from the template's ProductsCsvKey) points, and the function builds SQLite from it.
     */
    private void putProductsCsv(Optional<FunctionConfig> extract, LocalLog log) {
        if (extract.isEmpty() || options.productsCsv() == null) {
            return;
        }
        Map<String, String> env = extract.get().environment();
        String path = env.getOrDefault("CSV_FILE_PATH", "");
        if (!"sqlite".equalsIgnoreCase(env.getOrDefault("DB_TYPE", "sqlite")) || !path.startsWith("s3://")) {
            log.info("extract source: DB_TYPE=%s CSV_FILE_PATH=%s (no CSV put)", env.get("DB_TYPE"), path);
            return;
        }
        ObjectLocation csv = ObjectLocation.parse(path);
        if (!csv.bucket().equals(inputBucket) && !csv.bucket().equals(outputBucket)) {
            s3.createBucketIfMissing(csv.bucket());
        }
        if (data != null && exists(csv)) {
            log.info("extract source: %s kept (in the data dir since an earlier start)", path);
            return;
        }
        s3Client.putObject(b -> b.bucket(csv.bucket()).key(csv.key()), RequestBody.fromFile(options.productsCsv()));
        log.info("extract source: %s put at %s (CSV_FILE_PATH)", options.productsCsv(), path);
    }

    private boolean exists(ObjectLocation object) {
        try {
            s3Client.headObject(b -> b.bucket(object.bucket()).key(object.key()));
            return true;
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /**
     * An object found in the input bucket at a restart on a data dir is sent its event again only if its upload has
     * no record yet, or one still PENDING (registered, maybe never started): ingest is idempotent for those (a
     * duplicate start of the same execution name starts nothing). Files already claimed are the journal's to
     * resume; finished ones are left alone.
     */
    private boolean unfinished(software.amazon.awssdk.services.s3.model.S3Object object) {
        Optional<com.productflow.state.FileRecord> record = state.get(FileId.ofEtag(inputBucket, object.key(), object.eTag()));
        return record.isEmpty() || record.get().status() == com.productflow.state.FileStatus.PENDING;
    }

    /** The data dir of this run, or null when its storage is temporary. */
    public Path dataDir() {
        return data == null ? null : data.root();
    }

    /** A function of the template as the local system runs it. */
    public Optional<FunctionConfig> function(String name) {
        return configs.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The process id of the function's JVM (tests read its environment from /proc). */
    public java.util.Optional<Long> functionPid(String name) {
        return functions.pid(name);
    }

    /** The functions of the template, in template order. */
    public List<FunctionConfig> functions() {
        return configs;
    }

    public String inputBucket() {
        return inputBucket;
    }

    public String outputBucket() {
        return outputBucket;
    }

    public String stateTable() {
        return stateTable;
    }

    /** The extract's topic (its KAFKA_TOPIC), or null without an extract function. */
    public String topic() {
        return topic;
    }

    /** How often the Lambda API has invoked a function so far (tests count the state machine's retries). */
    public int invocations(String function) {
        return functions.invocations(function);
    }

    public LocalEndpoints endpoints() {
        return new LocalEndpoints(s3.endpoint(), kafka.bootstrapServers(), dynamo.endpoint(), sfn.endpoint(), lambda.endpoint(),
                inputBucket, outputBucket, topic, REGION, S3Stack.ACCESS_KEY, S3Stack.SECRET_KEY,
                stateTable, processFileArn, backfillArn);
    }

    public LocalOptions options() {
        return options;
    }

    /** The functions served by the local Lambda API (each in its own JVM). */
    public Set<String> functionNames() {
        return functions.names();
    }

    /** The broker (tests stop and restart it to simulate an outage). */
    public EmbeddedKafka kafka() {
        return kafka;
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

    /** PIDs of the server and function processes this system started (for tests that check nothing is left running). */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>(List.of(dynamo.pid(), sfn.pid()));
        pids.addAll(functions.pids());
        return pids;
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
