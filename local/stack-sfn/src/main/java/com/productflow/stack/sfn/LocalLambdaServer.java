package com.productflow.stack.sfn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}) on 127.0.0.1 and a free
 * port, dispatching to registered {@link LocalFunction}s. Clients reach it through
 * {@code AWS_ENDPOINT_URL_LAMBDA} (the Step Functions executor) or an SDK endpoint override.
 *
 * <p>What it reproduces, because the state machine depends on it: a thrown exception is a function error
 * (HTTP 200, {@code X-Amz-Function-Error: Unhandled}, body {@code {errorMessage, errorType, stackTrace}}
 * with the Java runtime's fully-qualified {@code errorType}); an unknown function is a 404
 * {@code ResourceNotFoundException}; a payload that is not JSON is a 400
 * {@code InvalidRequestContentException}; {@code X-Amz-Invocation-Type: Event} answers 202 and runs in the
 * background, {@code DryRun} answers 204. Function names may be bare, qualified or ARNs.
 *
 * <p>The name {@code arn:aws:states:::lambda:invoke} is how aws-local-stepfunctions calls the optimized
 * Lambda integration when it invokes Lambda itself (payload {@code {FunctionName, Payload}}): it is
 * unwrapped and the result wrapped as Step Functions returns it ({@code {ExecutedVersion, Payload,
 * StatusCode}}). The productflow executor script does this unwrapping itself, so this is a fallback.
 *
 * <p>A function registered with {@link #registerRuntime} runs in its own process, as in Lambda: this server
 * is also its Runtime API ({@link LambdaRuntimeApi}, under {@code /runtime/<FunctionName>}), so an Invoke waits
 * for that process to take the event and answer it.
 */
public final class LocalLambdaServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalLambdaServer.class.getName());
    private static final Pattern RUNTIME_PATH = Pattern.compile("^/runtime/([A-Za-z0-9_-]{1,64})(/.*)$");
    private static final Pattern INVOKE_PATH = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations/?$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, LocalFunction> functions = new ConcurrentHashMap<>();
    private final Map<String, LambdaRuntimeApi> runtimes = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService workers;

    private LocalLambdaServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /** Starts the server on 127.0.0.1 and a free port. */
    public static LocalLambdaServer start() throws IOException {
        // The JDK server writes headers and body separately; without TCP_NODELAY every response waits
        // for the client's delayed ACK (~40 ms), which made one process-file execution take ~100 ms.
        // Read once by the JDK when its first HttpServer starts; an explicit setting wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        // Parallel branches and Map iterations invoke concurrently, and a function may itself call
        // back into the local stack: never serialise invocations on one thread.
        ExecutorService workers = Executors.newCachedThreadPool(daemonThreads());
        LocalLambdaServer lambda = new LocalLambdaServer(server, workers);
        server.createContext("/", lambda::handle);
        server.setExecutor(workers);
        server.start();
        return lambda;
    }

    /** Registers (or replaces) a function under its bare name, e.g. {@code ConvertFunction}. */
    public LocalLambdaServer register(String name, LocalFunction function) {
        Objects.requireNonNull(function, "function");
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("Invalid Lambda function name: '" + name + "' (letters, digits, - and _, at most 64)");
        }
        functions.put(name, function);
        return this;
    }

    /**
     * Registers a function that runs in its own process through the Runtime API; {@code count} sees every
     * invocation. The process's {@code AWS_LAMBDA_RUNTIME_API} is {@link #runtimeApiAddress(String)}.
     */
    public LambdaRuntimeApi registerRuntime(String name, Duration timeout, LocalFunctionWrapper wrapper) {
        LambdaRuntimeApi runtime = new LambdaRuntimeApi(name, timeout);
        register(name, wrapper.wrap(runtime::invoke));
        runtimes.put(name, runtime);
        return runtime;
    }

    /** What an Invoke goes through before the runtime (counting, reserved concurrency). */
    @FunctionalInterface
    public interface LocalFunctionWrapper {
        LocalFunction wrap(LocalFunction runtime);
    }

    /** {@code AWS_LAMBDA_RUNTIME_API} for a function registered with {@link #registerRuntime}: host:port/path. */
    public String runtimeApiAddress(String name) {
        return "127.0.0.1:" + server.getAddress().getPort() + "/runtime/" + name;
    }

    /** The endpoint for {@code AWS_ENDPOINT_URL_LAMBDA}, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The ARN a definition substitution should carry for a registered function. */
    public static String functionArn(String name) {
        return LocalContext.functionArn(name);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher runtime = RUNTIME_PATH.matcher(exchange.getRequestURI().getPath());
            if (runtime.matches() && runtimes.containsKey(runtime.group(1))) {
                runtimes.get(runtime.group(1)).handle(exchange, runtime.group(2));
                return;
            }
            Matcher m = INVOKE_PATH.matcher(exchange.getRequestURI().getPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !m.matches()) {
                sendServiceError(exchange, 404, "UnknownOperationException", "Unknown operation "
                        + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
                return;
            }
            String requested = m.group(1);
            byte[] payload;
            try (InputStream in = exchange.getRequestBody()) {
                payload = in.readAllBytes();
            }
            if (payload.length == 0) {
                payload = "{}".getBytes(StandardCharsets.UTF_8);
            }
            JsonNode parsed;
            try {
                parsed = JSON.readTree(payload);
            } catch (JsonProcessingException e) {
                sendServiceError(exchange, 400, "InvalidRequestContentException",
                        "Could not parse request body into json: " + e.getOriginalMessage());
                return;
            }
            boolean statesIntegration = FunctionNames.STATES_LAMBDA_INVOKE.equals(requested);
            if (statesIntegration) {
                JsonNode inner = parsed.path("FunctionName");
                if (!inner.isTextual()) {
                    sendServiceError(exchange, 400, "InvalidParameterValueException",
                            "lambda:invoke needs a FunctionName string");
                    return;
                }
                requested = inner.asText();
                payload = JSON.writeValueAsBytes(parsed.path("Payload").isMissingNode() ? JSON.createObjectNode() : parsed.get("Payload"));
            }
            String name = FunctionNames.bareName(requested);
            LocalFunction function = name == null ? null : functions.get(name);
            if (function == null) {
                sendServiceError(exchange, 404, "ResourceNotFoundException",
                        "Function not found: " + functionArn(name == null ? requested : name));
                return;
            }
            String invocationType = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
            if ("DryRun".equals(invocationType)) {
                send(exchange, 204, null, new byte[0]);
                return;
            }
            if ("Event".equals(invocationType)) {
                byte[] eventPayload = payload;
                String eventName = name;
                workers.execute(() -> invokeQuietly(eventName, function, eventPayload));
                send(exchange, 202, null, new byte[0]);
                return;
            }
            byte[] result;
            try {
                result = function.invoke(payload);
            } catch (FunctionError e) {
                send(exchange, 200, "Unhandled", e.document());
                return;
            } catch (Exception | Error e) {
                LOG.log(System.Logger.Level.DEBUG, "function " + name + " failed", e);
                send(exchange, 200, "Unhandled", LambdaErrorDocument.of(e));
                return;
            }
            if (result == null) {
                result = "null".getBytes(StandardCharsets.UTF_8);
            }
            send(exchange, 200, null, statesIntegration ? wrapForStates(result) : result);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "local Lambda API failed to answer", e);
            throw e;
        }
    }

    private static void invokeQuietly(String name, LocalFunction function, byte[] payload) {
        try {
            function.invoke(payload);
        } catch (Exception e) {
            // Lambda keeps failed async events for retry or a DLQ; locally the log is where they go.
            LOG.log(System.Logger.Level.WARNING, "async invocation of " + name + " failed", e);
        }
    }

    private static byte[] wrapForStates(byte[] result) throws IOException {
        ObjectNode wrapped = JSON.createObjectNode();
        wrapped.put("ExecutedVersion", "$LATEST");
        wrapped.set("Payload", JSON.readTree(result));
        wrapped.put("StatusCode", 200);
        return JSON.writeValueAsBytes(wrapped);
    }

    private static void sendServiceError(HttpExchange exchange, int status, String type, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("Type", "User");
        body.put("message", message);
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        send(exchange, status, null, JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String functionError, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
        exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        if (functionError != null) {
            exchange.getResponseHeaders().set("X-Amz-Function-Error", functionError);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "local-lambda-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
