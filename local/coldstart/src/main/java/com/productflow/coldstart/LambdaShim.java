package com.productflow.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.productflow.stack.sfn.LocalContext;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the Lambda Java runtime does on a cold start, and nothing more: load the handler class named like
 * the template's {@code Handler} ({@code class::method}), construct it with its no-argument constructor
 * (the init phase), run its SnapStart runtime hooks as Lambda does when it snapshots a published version
 * ({@link com.productflow.coldstart.crac.Core#checkpointRestore}: every org.crac {@code beforeCheckpoint}, e.g.
 * ConvertFunction's priming, then every {@code afterRestore}), and call {@link RequestStreamHandler#handleRequest}
 * once with the event file and a {@link Context} (the local stack's {@link LocalContext}). Runs in a fresh JVM whose class path is the
 * function's jar plus these two classes only ({@link LambdaShimFiles}), so both use nothing but the JDK
 * and aws-lambda-java-core (which every function jar carries).
 *
 * <p>Prints one line {@code COLDSTART <initNanos> <hooksNanos> <invokeNanos> <response>} on stdout when the response is
 * complete, or {@code COLDSTART-ERROR <exception>} and exits 1. With {@code --noop} it prints the line at
 * once: the reference (a bare JVM start with the same flags).
 */
public final class LambdaShim {
    public static final String MARKER = "COLDSTART";
    public static final String ERROR_MARKER = "COLDSTART-ERROR";
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final int MEMORY_MB = 1024;

    private LambdaShim() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && "--noop".equals(args[0])) {
            System.out.println(MARKER + " 0 0 0 {}");
            return;
        }
        if (args.length != 3) {
            System.err.println("usage: LambdaShim <handler class[::method]> <event.json> <function name> | --noop");
            System.exit(2);
        }
        String handler = args[0].contains("::") ? args[0].substring(0, args[0].indexOf("::")) : args[0];
        try {
            long start = System.nanoTime();
            Object instance = Class.forName(handler).getDeclaredConstructor().newInstance();
            if (!(instance instanceof RequestStreamHandler streamHandler)) {
                throw new IllegalArgumentException(handler + " is not a RequestStreamHandler");
            }
            long constructed = System.nanoTime();
            com.productflow.coldstart.crac.Core.checkpointRestore();
            long primed = System.nanoTime();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            try (InputStream event = Files.newInputStream(Path.of(args[1]))) {
                streamHandler.handleRequest(event, response, new LocalContext(args[2], TIMEOUT, MEMORY_MB, System.err));
            }
            long invoked = System.nanoTime();
            String body = response.toString(StandardCharsets.UTF_8).replace('\n', ' ');
            System.out.println(MARKER + " " + (constructed - start) + " " + (primed - constructed) + " " + (invoked - primed) + " " + body);
        } catch (Throwable e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException && e.getCause() != null ? e.getCause() : e;
            System.out.println(ERROR_MARKER + " " + cause.toString().replace('\n', ' '));
            cause.printStackTrace();
            System.exit(1);
        }
    }
}
