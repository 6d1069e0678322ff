package com.productflow.stack.sfn;

import com.productflow.stack.node.NodeTools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * A local Step Functions: one long-lived Node process ({@code sfn-executor.cjs}, running
 * aws-local-stepfunctions) serving the Step Functions API subset productflow uses on 127.0.0.1, and
 * calling Lambda through the local Invoke API given in {@link Options#lambdaEndpoint()}. One process
 * serves every state machine and execution, so the Node start-up is paid once.
 *
 * <p>The endpoint speaks the AWS JSON 1.0 protocol, so the AWS SDK's {@code SfnClient} (as the ingest
 * handler uses it) works against {@link #endpoint()} too. Executions live in memory for the life of the
 * process, or in a journal file across restarts ({@link Options#journal()}); names are unique per state machine
 * like in AWS (see {@link ExecutionAlreadyExistsException}).
 */
public final class LocalStepFunctions implements AutoCloseable {

    private static final String SCRIPT = "sfn-executor.cjs";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path script;
    private final Path log;
    private final URI endpoint;
    private final Path projectRoot;
    private final String region;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * How to start the executor.
     *
     * @param projectRoot    the folder with package.json, node_modules and statemachine/
     * @param lambdaEndpoint the Lambda Invoke API Task states call ({@code AWS_ENDPOINT_URL_LAMBDA})
     * @param region         the region in ARNs
     * @param retryInterval  local only: a fixed wait before every retry instead of IntervalSeconds,
     *                       BackoffRate and jitter (for tests); null keeps the definition's timing
     * @param journal        a file where every start and end of an execution is appended (fsync'd), read
     *                       again at start so executions survive a crash of the whole system (see
     *                       {@link #resumeExecutions()}); null keeps them in memory only
     */
    public record Options(Path projectRoot, URI lambdaEndpoint, String region, Duration retryInterval, Path journal) {
        public Options {
            Objects.requireNonNull(projectRoot, "projectRoot");
            Objects.requireNonNull(lambdaEndpoint, "lambdaEndpoint");
            Objects.requireNonNull(region, "region");
        }

        public static Options of(URI lambdaEndpoint) {
            return new Options(NodeTools.projectRoot(), lambdaEndpoint, "us-east-1", null, null);
        }

        public Options withRetryInterval(Duration interval) {
            return new Options(projectRoot, lambdaEndpoint, region, interval, journal);
        }

        public Options withJournal(Path file) {
            return new Options(projectRoot, lambdaEndpoint, region, retryInterval, file);
        }
    }

    private LocalStepFunctions(Process process, Path script, Path log, URI endpoint, Options options) {
        this.process = process;
        this.script = script;
        this.log = log;
        this.endpoint = endpoint;
        this.projectRoot = options.projectRoot();
        this.region = options.region();
    }

    /** Starts the executor process (installing the Node packages first if they are missing). */
    public static LocalStepFunctions start(Options options) throws IOException {
        NodeTools.ensureInstalled(options.projectRoot(), "aws-local-stepfunctions", "package.json");
        Path script = Files.createTempFile("productflow-sfn-executor", ".cjs");
        Path log = Files.createTempFile("productflow-sfn-executor", ".log");
        try (InputStream in = LocalStepFunctions.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IOException("resource " + SCRIPT + " is missing from the classpath");
            }
            Files.write(script, in.readAllBytes());
        }
        ProcessBuilder pb = new ProcessBuilder(NodeTools.nodeBinary(), "--no-warnings", script.toString(), "serve")
                .directory(options.projectRoot().toFile())
                .redirectError(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("PRODUCTFLOW_NODE_ROOT", options.projectRoot().toString());
        env.put("AWS_ENDPOINT_URL_LAMBDA", options.lambdaEndpoint().toString());
        env.put("AWS_REGION", options.region());
        // Dummy credentials: the local Lambda API does not check signatures; never the developer's keys.
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.remove("AWS_SESSION_TOKEN");
        env.remove("AWS_PROFILE");
        if (options.retryInterval() != null) {
            env.put("PRODUCTFLOW_SFN_RETRY_INTERVAL_MS", Long.toString(options.retryInterval().toMillis()));
        } else {
            env.remove("PRODUCTFLOW_SFN_RETRY_INTERVAL_MS");
        }
        if (options.journal() != null) {
            env.put("PRODUCTFLOW_SFN_JOURNAL", options.journal().toAbsolutePath().toString());
        } else {
            env.remove("PRODUCTFLOW_SFN_JOURNAL");
        }
        Process process = pb.start();
        try {
            int port = readPort(process, log);
            return new LocalStepFunctions(process, script, log, URI.create("http://127.0.0.1:" + port), options);
        } catch (IOException | RuntimeException e) {
            stop(process);
            Files.deleteIfExists(script);
            Files.deleteIfExists(log);
            throw e;
        }
    }

    private static int readPort(Process process, Path log) throws IOException {
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                return reader.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            String line = firstLine.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (line == null) {
                throw new IOException("Step Functions executor exited before it listened: " + tail(log));
            }
            return JSON.readTree(line).path("port").asInt();
        } catch (TimeoutException e) {
            throw new IOException("Step Functions executor did not start in " + START_TIMEOUT + ": " + tail(log), e);
        } catch (ExecutionException e) {
            throw new IOException("cannot read the Step Functions executor's port: " + tail(log), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the Step Functions executor", e);
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The Step Functions API endpoint, e.g. for {@code SfnClient.builder().endpointOverride(...)}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The AWS SDK's own client of this executor, as the ingest handler builds it for AWS; the caller closes it. */
    public SfnClient client() {
        return SfnClient.builder().endpointOverride(endpoint).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** The executor's process id. */
    public long pid() {
        return process.pid();
    }

    /** Reads {@code statemachine/NAME.asl.json} from the project root. */
    public String definitionTemplate(String name) throws IOException {
        return Files.readString(projectRoot.resolve("statemachine").resolve(name + ".asl.json"));
    }

    /**
     * Creates state machine NAME from {@code statemachine/NAME.asl.json} with its substitutions applied
     * (e.g. {@code ConvertFunctionArn} → {@link LocalLambdaServer#functionArn(String)}); returns its ARN.
     */
    public String deploy(String name, Map<String, String> substitutions) throws IOException {
        return createStateMachine(name, definitionTemplate(name), substitutions);
    }

    /** Creates a state machine from a definition with its substitutions applied; returns its ARN. */
    public String createStateMachine(String name, String definitionTemplate, Map<String, String> substitutions) {
        return createStateMachine(name, DefinitionSubstitutions.apply(definitionTemplate, substitutions));
    }

    /** Creates a state machine (idempotent for the same definition); returns its ARN. */
    public String createStateMachine(String name, String definition) {
        ObjectNode req = JSON.createObjectNode();
        req.put("name", name);
        req.put("definition", definition);
        req.put("roleArn", "arn:aws:iam::000000000000:role/local");
        return call("AWSStepFunctions.CreateStateMachine", req, Duration.ofSeconds(30)).path("stateMachineArn").asText();
    }

    /** asl-validator's findings plus what the local executor cannot run; empty when the definition is fine. */
    public List<Diagnostic> validate(String definition) {
        ObjectNode req = JSON.createObjectNode();
        req.put("definition", definition);
        JsonNode res = call("AWSStepFunctions.ValidateStateMachineDefinition", req, Duration.ofSeconds(30));
        List<Diagnostic> out = new ArrayList<>();
        for (JsonNode d : res.path("diagnostics")) {
            out.add(new Diagnostic(d.path("severity").asText(), d.path("code").asText(), d.path("message").asText(),
                    d.path("location").asText()));
        }
        return out;
    }

    /**
     * Starts an execution; returns its ARN. A null name gets a random one.
     *
     * @throws ExecutionAlreadyExistsException when the name is taken (see there for the AWS rule)
     */
    public String startExecution(String stateMachineArn, String name, String inputJson) {
        ObjectNode req = JSON.createObjectNode();
        req.put("stateMachineArn", stateMachineArn);
        if (name != null) {
            req.put("name", name);
        }
        req.put("input", inputJson);
        return call("AWSStepFunctions.StartExecution", req, Duration.ofSeconds(30)).path("executionArn").asText();
    }

    public Execution describe(String executionArn) {
        ObjectNode req = JSON.createObjectNode();
        req.put("executionArn", executionArn);
        return toExecution(call("AWSStepFunctions.DescribeExecution", req, Duration.ofSeconds(30)));
    }

    /** The executions of a state machine, newest first (name, status; no input or output). */
    public List<Execution> listExecutions(String stateMachineArn) {
        ObjectNode req = JSON.createObjectNode();
        req.put("stateMachineArn", stateMachineArn);
        List<Execution> out = new ArrayList<>();
        for (JsonNode e : call("AWSStepFunctions.ListExecutions", req, Duration.ofSeconds(30)).path("executions")) {
            out.add(toExecution(e));
        }
        return out;
    }

    /** Waits until the execution closes or the timeout passes (then it is still RUNNING). */
    public Execution await(String executionArn, Duration timeout) {
        ObjectNode req = JSON.createObjectNode();
        req.put("executionArn", executionArn);
        req.put("timeoutSeconds", timeout.toMillis() / 1000.0);
        return toExecution(call("ProductflowLocal.AwaitExecution", req, timeout.plusSeconds(30)));
    }

    /**
     * Runs again, from its start state and under its name and input, every execution the journal holds as
     * started but not ended (a crash stopped it) whose state machine exists now; returns their ARNs. Call it
     * once the state machines are created and the functions they call are ready.
     */
    public List<String> resumeExecutions() {
        List<String> arns = new ArrayList<>();
        for (JsonNode e : call("ProductflowLocal.ResumeExecutions", JSON.createObjectNode(), Duration.ofSeconds(30)).path("resumed")) {
            arns.add(e.path("executionArn").asText());
        }
        return arns;
    }

    /** Starts an execution and waits for it to close. */
    public Execution run(String stateMachineArn, String name, String inputJson, Duration timeout) {
        return await(startExecution(stateMachineArn, name, inputJson), timeout);
    }

    private static Execution toExecution(JsonNode d) {
        return new Execution(d.path("executionArn").asText(), d.path("name").asText(),
                ExecutionStatus.valueOf(d.path("status").asText()), text(d, "input"), text(d, "output"),
                text(d, "error"), text(d, "cause"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private JsonNode call(String target, ObjectNode request, Duration timeout) {
        try {
            HttpRequest req = HttpRequest.newBuilder(endpoint.resolve("/"))
                    .timeout(timeout)
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .header("X-Amz-Target", target)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request)))
                    .build();
            HttpResponse<byte[]> res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = JSON.readTree(res.body());
            if (res.statusCode() != 200) {
                String type = body.path("__type").asText("Unknown");
                String message = body.path("message").asText();
                if ("ExecutionAlreadyExists".equals(type)) {
                    throw new ExecutionAlreadyExistsException(message);
                }
                throw new StepFunctionsException(type, message);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("Step Functions executor (pid " + pid() + ") did not answer " + target
                    + (process.isAlive() ? "" : "; it exited: " + tail(log)), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + target, e);
        }
    }

    /** Stops the executor by its PID and removes its temporary files. */
    @Override
    public void close() throws IOException {
        stop(process);
        Files.deleteIfExists(script);
        Files.deleteIfExists(log);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
