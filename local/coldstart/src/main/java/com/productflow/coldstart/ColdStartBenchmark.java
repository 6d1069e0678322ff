package com.productflow.coldstart;

import com.productflow.stack.dynamo.Dynalite;
import com.productflow.stack.kafka.EmbeddedKafka;
import com.productflow.stack.s3.S3Stack;
import com.productflow.stack.sfn.LocalLambdaServer;
import com.productflow.stack.sfn.LocalStepFunctions;
import com.productflow.state.dynamo.DynamoClients;
import com.productflow.state.dynamo.StateTables;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Cold start of every function from its own deployment jar, as Lambda does it: a fresh JVM (this JDK's
 * {@code java}, the template's {@code -XX:TieredStopAtLevel=1}) whose class path is the function's jar
 * plus {@link LambdaShim}, which constructs the handler (wired from the environment, pointed at local
 * servers started here) and calls it once on its sample event from {@code events/}. Measured from just
 * before the process starts to the moment its response is complete, less the time of the function's SnapStart
 * runtime hooks (ConvertFunction's priming), which the shim runs between construction and the invocation as
 * Lambda runs them before the snapshot of a published version, never in a start: they are reported on their own.
 * The reference is a bare JVM start with the same flags and class path ({@code LambdaShim --noop}) in the same run.
 *
 * <p>Each round starts from a fresh state table and a fresh state machine, so every round takes the
 * same path: ingest registers and starts, convert claims and converts, record-outcome completes.
 * Parameter Store is not reached ({@code PARAMETER_PREFIX} unset: no local SSM server exists).
 */
public final class ColdStartBenchmark {
    /** JVM flags: the template's JAVA_TOOL_OPTIONS plus what the Lambda Java runtime itself passes. */
    public static final List<String> JVM_FLAGS = List.of(
            "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx768m");

    public static final String INPUT_BUCKET = "productflow-input";
    public static final String OUTPUT_BUCKET = "productflow-output";
    public static final String PRODUCTS_CSV = "products/products.csv";
    /** The day samples/products.csv is ready on (the demo's fixed "today"). */
    public static final String EXTRACT_TODAY = "2026-11-25";
    /** Prefix of the state tables, one per round. */
    public static final String TABLE = "productflow-files";
    private static final String PASS_MACHINE = "{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Pass\",\"End\":true}}}";

    /** The sample event each function gets, in the order a file meets them. */
    public static final Map<String, String> EVENTS = eventsInOrder();

    private static Map<String, String> eventsInOrder() {
        Map<String, String> events = new LinkedHashMap<>();
        events.put("IngestFunction", "events/s3-put.json");
        events.put("ConvertFunction", "events/convert.json");
        events.put("ExtractFunction", "events/extract.json");
        events.put("RecordOutcomeFunction", "events/record-outcome-completed.json");
        events.put("RedriveFunction", "events/schedule.json");
        events.put("ListFilesFunction", "events/list-files.json");
        return events;
    }

    /** What must run before a function for its sample event to find its file: the ingest's record, the convert's claim. */
    private static final Map<String, List<String>> PREREQUISITES = Map.of(
            "ConvertFunction", List.of("IngestFunction"),
            "RecordOutcomeFunction", List.of("IngestFunction", "ConvertFunction"));

    /** One function's figures (medians over the rounds); {@code error} set when it gave no response. */
    public record Result(String function, long jarBytes, double coldStartMs, double initMs, double hooksMs, double invokeMs,
                         double cpuMs, String response, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    public record Report(List<Result> results, double referenceMs, int rounds, double loadAverage) {}

    private ColdStartBenchmark() {}

    public static Report run(Path root, int rounds, PrintStream log) throws IOException, InterruptedException {
        return run(root, new Options(rounds, List.of(), List.of(), Map.of()), log);
    }

    /**
     * What to run: {@code jvmOptions} are added to the function JVMs' flags (e.g. -Xlog:class+load),
     * {@code only} names the functions (logical ids; empty = all), {@code extraEnvironment} is added to
     * (and overrides) every function's environment, e.g. to try a setting the sample run does not.
     */
    public record Options(int rounds, List<String> jvmOptions, List<String> only, Map<String, String> extraEnvironment) {}

    public static Report run(Path root, Options options, PrintStream log) throws IOException, InterruptedException {
        int rounds = options.rounds();
        List<String> extraJvmOptions = options.jvmOptions();
        List<FunctionCatalog.Function> all = ordered(FunctionCatalog.load(root));
        List<FunctionCatalog.Function> functions = all.stream()
                .filter(f -> options.only().isEmpty() || options.only().contains(f.logicalId())).toList();
        // Each round also runs, first and unmeasured, what a measured function's sample event needs done before it.
        List<String> needed = functions.stream()
                .flatMap(f -> Stream.concat(PREREQUISITES.getOrDefault(f.logicalId(), List.of()).stream(), Stream.of(f.logicalId())))
                .toList();
        List<FunctionCatalog.Function> runEachRound = all.stream().filter(f -> needed.contains(f.logicalId())).toList();
        Path work = Files.createTempDirectory("productflow-coldstart");
        Path shim = LambdaShimFiles.extract(work.resolve("shim"));
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Map<String, List<double[]>> samples = new LinkedHashMap<>();
        Map<String, String> responses = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        List<Double> reference = new ArrayList<>();
        // A Kafka broker only for the extract function, and only when its jar is there to be measured.
        boolean extract = runEachRound.stream().anyMatch(f -> f.logicalId().equals("ExtractFunction") && Files.isRegularFile(f.jar(root)));
        try (S3Stack s3 = S3Stack.startTransient();
                EmbeddedKafka kafka = extract ? EmbeddedKafka.start() : null;
                Dynalite dynamo = Dynalite.start();
                LocalLambdaServer lambda = LocalLambdaServer.start();
                LocalStepFunctions sfn = LocalStepFunctions.start(LocalStepFunctions.Options.of(lambda.endpoint()));
                DynamoDbClient dynamoClient = DynamoClients.local(dynamo.endpoint())) {
            s3.createBucket(INPUT_BUCKET);
            s3.createBucket(OUTPUT_BUCKET);
            s3.client().putObject(b -> b.bucket(INPUT_BUCKET).key("incoming/sample_products.json"),
                    RequestBody.fromFile(root.resolve("samples/sample_products.json")));
            s3.client().putObject(b -> b.bucket(INPUT_BUCKET).key(PRODUCTS_CSV), RequestBody.fromFile(root.resolve("samples/products.csv")));
            log.printf("servers: s3 %s, dynamodb %s, step functions %s%n", s3.endpoint(), dynamo.endpoint(), sfn.endpoint());
            for (int round = 1; round <= rounds; round++) {
                // A fresh table and state machine per round, so every round takes the same path.
                String table = TABLE + "-" + round;
                StateTables.createIfMissing(dynamoClient, table);
                String machine = sfn.createStateMachine("process-file-" + round, PASS_MACHINE);
                Map<String, String> env = environment(s3, dynamo, sfn, table, machine);
                if (kafka != null) {
                    env.putAll(extractEnvironment(kafka, round));
                    // As in production (docs/deploy.md), the topic exists before the function runs: the
                    // broker's topic creation is not part of the function's cold start.
                    kafka.createTopic(env.get("KAFKA_TOPIC"), 1);
                }
                env.putAll(options.extraEnvironment());
                // The reference: the same flags and class path (the first function jar + the shim), no handler.
                Path referenceJar = functions.stream().map(f -> f.jar(root)).filter(Files::isRegularFile).findFirst().orElse(null);
                reference.add(runOnce(null, shim, referenceJar, null, env, List.of(), work, log).coldStartMs);
                for (FunctionCatalog.Function function : runEachRound) {
                    Path jar = function.jar(root);
                    if (!Files.isRegularFile(jar)) {
                        errors.put(function.logicalId(), "jar not built: " + root.relativize(jar) + " (make functions)");
                        continue;
                    }
                    Run run = runOnce(function, shim, jar, localEvent(root, function.logicalId(), work), env, extraJvmOptions, work, log);
                    if (!functions.contains(function)) {
                        log.printf("round %d  %-22s (run first, not measured)%s%n", round, function.logicalId(),
                                run.error == null ? "" : ": " + run.error);
                        continue;
                    }
                    if (run.error != null) {
                        errors.put(function.logicalId(), run.error);
                        continue;
                    }
                    samples.computeIfAbsent(function.logicalId(), k -> new ArrayList<>())
                            .add(new double[] {run.coldStartMs, run.initMs, run.invokeMs, run.cpuMs, run.hooksMs});
                    responses.put(function.logicalId(), run.response);
                    log.printf(Locale.ROOT, "round %d  %-22s %7.0f ms  %s%n", round, function.logicalId(), run.coldStartMs,
                            abbreviate(run.response, 110));
                }
            }
        }
        List<Result> results = new ArrayList<>();
        for (FunctionCatalog.Function function : functions) {
            String id = function.logicalId();
            long size = Files.isRegularFile(function.jar(root)) ? Files.size(function.jar(root)) : -1;
            List<double[]> runs = samples.get(id);
            if (runs == null || errors.containsKey(id)) {
                results.add(new Result(id, size, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null,
                        errors.getOrDefault(id, "no run")));
            } else {
                results.add(new Result(id, size, median(runs, 0), median(runs, 1), median(runs, 4), median(runs, 2), median(runs, 3),
                        responses.get(id), null));
            }
        }
        if (errors.isEmpty()) {
            deleteTree(work);
        } else {
            log.printf("logs of the function JVMs kept in %s%n", work);
        }
        return new Report(results, median(reference.stream().map(v -> new double[] {v}).toList(), 0), rounds, load);
    }

    private static void deleteTree(Path folder) throws IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The functions in the order of {@link #EVENTS} (a file's path through the pipeline). */
    static List<FunctionCatalog.Function> ordered(List<FunctionCatalog.Function> functions) {
        List<FunctionCatalog.Function> ordered = new ArrayList<>();
        for (String id : EVENTS.keySet()) {
            functions.stream().filter(f -> f.logicalId().equals(id)).forEach(ordered::add);
        }
        functions.stream().filter(f -> !EVENTS.containsKey(f.logicalId())).forEach(f -> {
            throw new IllegalStateException("no sample event chosen for " + f.logicalId() + " in ColdStartBenchmark.EVENTS");
        });
        return ordered;
    }

    /**
     * The extract function's settings as the template gives them, pointed at the local broker, SQLite built
     * from samples/products.csv in the input bucket, and the sample data's fixed "today"; a topic per round
     * so every round publishes the same products.
     */
    private static Map<String, String> extractEnvironment(EmbeddedKafka kafka, int round) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("KAFKA_TOPIC", "products-coldstart-" + round);
        env.put("KAFKA_AUTH", "none");
        env.put("EXTRACT_MODE", "incremental");
        env.put("DB_TYPE", "sqlite");
        env.put("CSV_FILE_PATH", "s3://" + INPUT_BUCKET + "/" + PRODUCTS_CSV);
        env.put("EXTRACT_TODAY", EXTRACT_TODAY);
        return env;
    }

    /** What the template's environment gives a function, pointed at the local servers. */
    private static Map<String, String> environment(S3Stack s3, Dynalite dynamo, LocalStepFunctions sfn, String table, String machine) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", S3Stack.REGION);
        // Local-only placeholder credentials (the SDK's default chain reads them; the local servers accept any).
        env.put("AWS_ACCESS_KEY_ID", S3Stack.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", S3Stack.SECRET_KEY);
        env.put("S3_ENDPOINT", s3.endpoint().toString());
        env.put("S3_ACCESS_KEY_ID", S3Stack.ACCESS_KEY);
        env.put("S3_SECRET_ACCESS_KEY", S3Stack.SECRET_KEY);
        env.put("DYNAMODB_ENDPOINT", dynamo.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SFN", sfn.endpoint().toString());
        env.put("STATE_TABLE", table);
        env.put("STATE_MACHINE_ARN", machine);
        env.put("INPUT_BUCKET", INPUT_BUCKET);
        env.put("OUTPUT_BUCKET", OUTPUT_BUCKET);
        env.put("OUTPUT_PREFIX", "xml/");
        env.put("POWERTOOLS_SERVICE_NAME", "productflow");
        env.put("POWERTOOLS_METRICS_NAMESPACE", "productflow");
        env.put("POWERTOOLS_LOG_LEVEL", "INFO");
        // What the Lambda runtime sets and Powertools reads (cold_start in the logs, metrics only in Lambda).
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        return env;
    }

    /** The function's sample event as the local S3 can serve it (no version ids: {@link UnversionedEvents}). */
    private static Path localEvent(Path root, String function, Path work) throws IOException {
        Path event = work.resolve(function + "-event.json");
        Files.writeString(event, UnversionedEvents.withoutVersions(Files.readString(root.resolve(EVENTS.get(function)))));
        return event;
    }

    private record Run(double coldStartMs, double cpuMs, double initMs, double hooksMs, double invokeMs, String response, String error) {
        static Run failed(String error) {
            return new Run(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null, error);
        }
    }

    /** One fresh JVM; {@code function == null} runs the reference ({@code LambdaShim --noop}). */
    private static Run runOnce(FunctionCatalog.Function function, Path shim, Path jar, Path event,
                               Map<String, String> env, List<String> extraJvmOptions, Path work, PrintStream log)
            throws IOException, InterruptedException {
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = jar == null ? shim.toString() : jar + File.pathSeparator + shim;
        List<String> command = new ArrayList<>(List.of(javaBinary));
        command.addAll(JVM_FLAGS);
        command.add(SnapStartHooks.JVM_OPTION);
        command.addAll(extraJvmOptions);
        command.addAll(List.of("-cp", classPath, LambdaShim.class.getName()));
        if (function == null) {
            command.add("--noop");
        } else {
            command.addAll(List.of(function.handler(), event.toString(), function.logicalId()));
        }
        String name = function == null ? "reference" : function.logicalId();
        Path output = work.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(output.toFile()));
        pb.environment().keySet().removeIf(key -> !List.of("PATH", "HOME", "LANG", "TMPDIR").contains(key));
        pb.environment().putAll(env);
        if (function != null) {
            pb.environment().put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        }
        long start = System.nanoTime();
        Process process = pb.start();
        try (InputStream stdout = process.getInputStream();
                BufferedReader lines = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8));
                Writer logFile = Files.newBufferedWriter(output, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(LambdaShim.MARKER + " ")) {
                    double elapsed = (System.nanoTime() - start) / 1e6;
                    // CPU time of the whole JVM (all threads) up to the response: far less sensitive than wall
                    // time to what else runs on the machine.
                    double cpu = process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(Double.NaN);
                    String[] parts = line.split(" ", 5);
                    double hooks = Long.parseLong(parts[2]) / 1e6;
                    return new Run(elapsed - hooks, cpu, Long.parseLong(parts[1]) / 1e6, hooks, Long.parseLong(parts[3]) / 1e6, parts[4], null);
                }
                if (line.startsWith(LambdaShim.ERROR_MARKER)) {
                    log.printf("%s failed: %s (log: %s)%n", name, line.substring(LambdaShim.ERROR_MARKER.length()).strip(), output);
                    return Run.failed(line.substring(LambdaShim.ERROR_MARKER.length()).strip());
                }
                logFile.write(line);
                logFile.write('\n');
            }
            return Run.failed("exited without a response (log: " + output + ")");
        } finally {
            // Lambda would freeze the process here; our handlers' pools may keep the JVM alive, so stop it.
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static double median(List<double[]> runs, int index) {
        double[] values = runs.stream().mapToDouble(r -> r[index]).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static String abbreviate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max) + "...";
    }

    /** The table for RESULTS.md: one row per function, with the targets. */
    public static String table(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "reference (bare JVM, same flags): %.0f ms; %d rounds, median; load average at start %.1f%n%n",
                report.referenceMs(), report.rounds(), report.loadAverage()));
        out.append("| function | jar MB | cold start ms | init ms | SnapStart hooks ms | first invoke ms | JVM CPU ms | × bare JVM | < 1.5 s | < 30 MB |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
        for (Result r : report.results()) {
            double mb = r.jarBytes() < 0 ? Double.NaN : r.jarBytes() / 1e6;
            if (!r.ok()) {
                out.append(String.format(Locale.ROOT, "| %s | %s | – | – | – | – | – | – | – | %s |  (%s)%n", r.function(),
                        r.jarBytes() < 0 ? "–" : String.format(Locale.ROOT, "%.1f", mb), r.jarBytes() < 0 ? "–" : yes(mb < 30), r.error()));
                continue;
            }
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %.0f | %.0f | %.0f | %.0f | %.0f | %.1f | %s | %s |%n", r.function(), mb,
                    r.coldStartMs(), r.initMs(), r.hooksMs(), r.invokeMs(), r.cpuMs(), r.coldStartMs() / report.referenceMs(),
                    yes(r.coldStartMs() < 1500), yes(mb < 30)));
        }
        return out.toString();
    }

    private static String yes(boolean ok) {
        return ok ? "yes" : "**no**";
    }

    /** {@code java ... ColdStartBenchmark [rounds]} from the repository root. */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Report report = run(Path.of("").toAbsolutePath(), rounds, System.err);
        System.out.print(table(report));
        System.exit(report.results().stream().allMatch(Result::ok) ? 0 : 1);
    }
}
