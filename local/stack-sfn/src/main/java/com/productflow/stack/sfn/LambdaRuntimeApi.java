package com.productflow.stack.sfn;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Lambda Runtime API of one function, served by {@link LocalLambdaServer} under
 * {@code /runtime/<FunctionName>}: a runtime in the function's own process (its {@code AWS_LAMBDA_RUNTIME_API}
 * is {@code 127.0.0.1:<port>/runtime/<FunctionName>}) polls {@code GET /2018-06-01/runtime/invocation/next}
 * and answers {@code POST .../invocation/<id>/response} or {@code .../error}; a failed init posts
 * {@code /2018-06-01/runtime/init/error}. Each Invoke waits in a queue for a polling runtime (at most
 * {@link #QUEUE_LIMIT}), then for its answer at most the function's timeout from the moment the runtime took
 * it, and fails with {@code Sandbox.Timedout} after that, as Lambda does.
 */
public final class LambdaRuntimeApi {
    static final String PREFIX = "/2018-06-01/runtime";
    private final String name;
    private final Duration timeout;
    private final BlockingDeque<Invocation> queue = new LinkedBlockingDeque<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger polling = new AtomicInteger();
    private volatile byte[] initError;

    /** How long an invocation may wait for a runtime to take it (a JVM still starting, all threads busy). */
    static final Duration QUEUE_LIMIT = Duration.ofMinutes(5);

    /** {@code takenAt} is the System.nanoTime() at which a runtime took it, 0 before. */
    private record Invocation(String id, byte[] payload, java.util.concurrent.atomic.AtomicLong takenAt, CompletableFuture<byte[]> result) {}

    LambdaRuntimeApi(String name, Duration timeout) {
        this.name = name;
        this.timeout = timeout;
    }

    public String name() {
        return name;
    }

    /** How many runtime threads are waiting for an invocation now (0 until the function's init is done). */
    public int polling() {
        return polling.get();
    }

    /** An Invoke: queued for the runtime, answered with its response or its error document. */
    byte[] invoke(byte[] payload) throws Exception {
        byte[] failedInit = initError;
        if (failedInit != null) {
            throw new FunctionError(failedInit);
        }
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), payload, new java.util.concurrent.atomic.AtomicLong(),
                new CompletableFuture<>());
        queue.put(invocation);
        long queuedUntil = System.nanoTime() + QUEUE_LIMIT.toNanos();
        while (true) {
            long takenAt = invocation.takenAt().get();
            // As in Lambda, the timeout runs from when the function starts on the event, not while it waits.
            long left = (takenAt == 0 ? queuedUntil : takenAt + timeout.toNanos()) - System.nanoTime();
            if (left <= 0) {
                queue.remove(invocation);
                inFlight.remove(invocation.id());
                if (takenAt == 0) {
                    throw FunctionError.service("Runtime.Unavailable", "RequestId: " + invocation.id() + " Error: no runtime of "
                            + name + " took the invocation within " + QUEUE_LIMIT.toSeconds() + " s");
                }
                throw FunctionError.service("Sandbox.Timedout", "RequestId: " + invocation.id() + " Error: Task timed out after "
                        + String.format(java.util.Locale.ROOT, "%.2f", timeout.toMillis() / 1000.0) + " seconds");
            }
            try {
                return invocation.result().get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException notYet) {
                // look again: taken meanwhile, or out of time
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
    }

    /**
     * The runtime's process ended: what it was running fails with {@code Runtime.ExitError}; queued
     * invocations wait for the next process. {@code initFailed} keeps failing new invocations with the
     * init error until {@link #reset()} (a new process).
     */
    public void runtimeExited(int exitCode) {
        for (Invocation invocation : inFlight.values()) {
            invocation.result().completeExceptionally(FunctionError.service("Runtime.ExitError",
                    "RequestId: " + invocation.id() + " Error: Runtime exited with error: exit status " + exitCode));
        }
        inFlight.clear();
        polling.set(0);
    }

    /** Whether the runtime reported a failed init (its handler could not be constructed). */
    public boolean initFailed() {
        return initError != null;
    }

    /** A new runtime process starts: a previous init error no longer applies. */
    public void reset() {
        initError = null;
    }

    void handle(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        if ("GET".equals(method) && path.equals(PREFIX + "/invocation/next")) {
            next(exchange);
            return;
        }
        if (!"POST".equals(method)) {
            send(exchange, 404, "{\"errorType\":\"UnknownOperation\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (path.equals(PREFIX + "/init/error")) {
            initError = body;
            for (Invocation waiting; (waiting = queue.poll()) != null; ) {
                waiting.result().completeExceptionally(new FunctionError(body));
            }
            send(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String rest = path.startsWith(PREFIX + "/invocation/") ? path.substring((PREFIX + "/invocation/").length()) : "";
        int slash = rest.indexOf('/');
        String id = slash < 0 ? "" : rest.substring(0, slash);
        String kind = slash < 0 ? "" : rest.substring(slash + 1);
        Invocation invocation = inFlight.remove(id);
        if (invocation == null || !(kind.equals("response") || kind.equals("error"))) {
            send(exchange, 400, ("{\"errorType\":\"InvalidRequestID\",\"errorMessage\":\"no invocation " + id + " in flight\"}")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (kind.equals("response")) {
            invocation.result().complete(body);
        } else {
            invocation.result().completeExceptionally(new FunctionError(body));
        }
        send(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation;
        polling.incrementAndGet();
        try {
            invocation = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // the server is stopping
        } finally {
            polling.decrementAndGet();
        }
        inFlight.put(invocation.id(), invocation);
        invocation.takenAt().set(System.nanoTime());
        exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", invocation.id());
        exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + timeout.toMillis()));
        exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn", LocalLambdaServer.functionArn(name));
        exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id", "Root=1-00000000-" + invocation.id().replace("-", "").substring(0, 24) + ";Sampled=0");
        try {
            send(exchange, 200, invocation.payload());
        } catch (IOException gone) {
            // The runtime went away before it got the event: the next runtime to poll takes it.
            inFlight.remove(invocation.id());
            invocation.takenAt().set(0);
            queue.offerFirst(invocation);
            throw gone;
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
