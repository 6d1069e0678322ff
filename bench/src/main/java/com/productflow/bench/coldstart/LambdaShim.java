package com.productflow.bench.coldstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * What the Lambda Java runtime does on a cold start, and nothing more: load the handler class named like
 * the template's {@code Handler} ({@code class::method}), construct it with its no-argument constructor
 * (the init phase), and call {@link RequestStreamHandler#handleRequest} once with the event file and a
 * minimal {@link Context}. Runs in a fresh JVM whose class path is the function's jar plus this class
 * only, so it must use nothing but the JDK and aws-lambda-java-core (which every function jar carries).
 *
 * <p>Prints one line {@code COLDSTART <initNanos> <invokeNanos> <response>} on stdout when the response is
 * complete, or {@code COLDSTART-ERROR <exception>} and exits 1. With {@code --noop} it prints the line at
 * once: the reference (a bare JVM start with the same flags).
 */
public final class LambdaShim {
    public static final String MARKER = "COLDSTART";
    public static final String ERROR_MARKER = "COLDSTART-ERROR";

    private LambdaShim() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && "--noop".equals(args[0])) {
            System.out.println(MARKER + " 0 0 {}");
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
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            try (InputStream event = Files.newInputStream(Path.of(args[1]))) {
                streamHandler.handleRequest(event, response, new ShimContext(args[2]));
            }
            long invoked = System.nanoTime();
            String body = response.toString(StandardCharsets.UTF_8).replace('\n', ' ');
            System.out.println(MARKER + " " + (constructed - start) + " " + (invoked - constructed) + " " + body);
        } catch (Throwable e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException && e.getCause() != null ? e.getCause() : e;
            System.out.println(ERROR_MARKER + " " + cause.toString().replace('\n', ' '));
            cause.printStackTrace();
            System.exit(1);
        }
    }

    /** The parts of the runtime's context our handlers read; the log goes to stderr. */
    private static final class ShimContext implements Context {
        private final String functionName;
        private final String requestId = UUID.randomUUID().toString();
        private final long deadline = System.nanoTime() + 300_000_000_000L;

        ShimContext(String functionName) {
            this.functionName = functionName;
        }

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + functionName;
        }

        @Override
        public String getLogStreamName() {
            return "coldstart/" + requestId;
        }

        @Override
        public String getFunctionName() {
            return functionName;
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return new ShimLogger();
        }
    }

    private static final class ShimLogger implements LambdaLogger {
        @Override
        public void log(String message) {
            System.err.print(message);
        }

        @Override
        public void log(byte[] message) {
            System.err.print(new String(message, StandardCharsets.UTF_8));
        }
    }
}
