package com.productflow.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.productflow.stack.sfn.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The Java Lambda runtime's job inside a function's own JVM, for the local run: read {@code _HANDLER}
 * ({@code class::method}), construct the handler through its public no-argument constructor (the init
 * phase), then poll the Runtime API at {@code AWS_LAMBDA_RUNTIME_API} for invocations and post each
 * response or error document ({@code errorType} = the exception's class name, as the Java runtime writes
 * it). The class path is the function's deployment jar plus this class and stack-sfn's {@code LocalContext}
 * alone ({@code RuntimeJar}), so they use nothing but the JDK and aws-lambda-java-core, which every function
 * jar carries.
 *
 * <p>One difference from Lambda, on purpose: {@code args[0]} threads poll at once and share the one handler
 * instance, where Lambda starts one execution environment per concurrent invocation. A JVM per
 * concurrent invocation would cost the local machine a JVM start and ~100 MB each
 * ({@code docs/local.md}); the handlers are stateless between invocations, so sharing is safe.
 */
public final class LambdaRuntimeLoop {
    private static final String VERSION = "/2018-06-01/runtime";

    private final String api;
    private final RequestStreamHandler handler;
    private final String functionName;
    private final int memoryMb;

    private LambdaRuntimeLoop(String api, RequestStreamHandler handler, String functionName, int memoryMb) {
        this.api = api;
        this.handler = handler;
        this.functionName = functionName;
        this.memoryMb = memoryMb;
    }

    /** System property set by the local runner: this JVM ends when its stdin (a pipe the runner holds) closes. */
    public static final String EXIT_WITH_PARENT = "productflow.exitWithParent";

    public static void main(String[] args) throws Exception {
        if (Boolean.getBoolean(EXIT_WITH_PARENT)) {
            exitWithParent();
        }
        String api = "http://" + System.getenv("AWS_LAMBDA_RUNTIME_API");
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        String handlerName = System.getenv("_HANDLER");
        String className = handlerName.contains("::") ? handlerName.substring(0, handlerName.indexOf("::")) : handlerName;
        RequestStreamHandler handler;
        try {
            Object instance = Class.forName(className).getDeclaredConstructor().newInstance();
            if (!(instance instanceof RequestStreamHandler stream)) {
                throw new IllegalArgumentException(className + " is not a RequestStreamHandler");
            }
            handler = stream;
        } catch (Throwable e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException && e.getCause() != null ? e.getCause() : e;
            cause.printStackTrace();
            post(api + VERSION + "/init/error", errorDocument(cause));
            System.exit(1);
            return;
        }
        LambdaRuntimeLoop loop = new LambdaRuntimeLoop(api, handler, System.getenv("AWS_LAMBDA_FUNCTION_NAME"),
                Integer.parseInt(System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")));
        for (int i = 1; i < threads; i++) {
            Thread t = new Thread(loop::run, "lambda-runtime-" + i);
            t.setDaemon(true);
            t.start();
        }
        loop.run();
    }

    /**
     * The runner holds this JVM's stdin open; when it dies in any way ({@code kill -9} included) the kernel closes
     * the pipe and this JVM ends at once, even in the middle of an invocation: nothing of a dead run keeps working.
     */
    private static void exitWithParent() {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the runner never writes; wait for the end of the stream
                }
            } catch (IOException closed) {
                // the same: the runner is gone
            }
            // SIGKILL, not halt(): a JVM recording its class data archive (-XX:ArchiveClassesAtExit) would dump it on
            // halt too, which keeps it alive for seconds (tens of seconds on a loaded machine) after its parent died.
            try {
                new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid())).start().waitFor();
            } catch (IOException | InterruptedException e) {
                // no kill(1): halt instead
            }
            Runtime.getRuntime().halt(0);
        }, "exit-with-parent");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private void run() {
        while (true) {
            try {
                HttpURLConnection next = (HttpURLConnection) URI.create(api + VERSION + "/invocation/next").toURL().openConnection();
                next.setReadTimeout(0);
                byte[] event;
                try (InputStream in = next.getInputStream()) {
                    event = in.readAllBytes();
                }
                String requestId = next.getHeaderField("Lambda-Runtime-Aws-Request-Id");
                long deadline = Long.parseLong(next.getHeaderField("Lambda-Runtime-Deadline-Ms"));
                invoke(requestId, deadline, event);
            } catch (IOException e) {
                // The Runtime API is gone: the local system stopped, so this process ends too.
                System.err.println("lambda runtime: " + e);
                System.exit(0);
            }
        }
    }

    private void invoke(String requestId, long deadline, byte[] event) throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try {
            Duration remaining = Duration.ofMillis(Math.max(0, deadline - System.currentTimeMillis()));
            handler.handleRequest(new ByteArrayInputStream(event), response,
                    new LocalContext(functionName, requestId, remaining, memoryMb, System.err));
        } catch (Throwable e) {
            post(api + VERSION + "/invocation/" + requestId + "/error", errorDocument(e));
            return;
        }
        post(api + VERSION + "/invocation/" + requestId + "/response", response.toByteArray());
    }

    private static void post(String url, byte[] body) throws IOException {
        HttpURLConnection post = (HttpURLConnection) URI.create(url).toURL().openConnection();
        post.setRequestMethod("POST");
        post.setDoOutput(true);
        post.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = post.getOutputStream()) {
            out.write(body);
        }
        try (InputStream in = post.getResponseCode() < 400 ? post.getInputStream() : post.getErrorStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
    }

    /** {@code {errorMessage, errorType, stackTrace}} as the Java runtime writes it. */
    static byte[] errorDocument(Throwable e) {
        String type = e.getClass().getName();
        String message = e.getLocalizedMessage() == null ? type : e.getLocalizedMessage();
        StringBuilder json = new StringBuilder("{\"errorMessage\":").append(quote(message)).append(",\"errorType\":")
                .append(quote(type)).append(",\"stackTrace\":[");
        StackTraceElement[] trace = e.getStackTrace();
        for (int i = 0; i < trace.length; i++) {
            json.append(i == 0 ? "" : ",").append(quote(trace[i].toString()));
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
