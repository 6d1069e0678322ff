package com.productflow.stack.sfn;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The Lambda {@link Context} for one local invocation: a fresh request id, the function's name and ARN,
 * a deadline counted from the start of the invocation, and a logger that writes to stderr (where the
 * runtime's log lines go to CloudWatch in AWS). The local Lambda API, the runtime loop in each local
 * function JVM and the cold-start bench's shim use it; the last two run it beside a bare function jar, so it
 * uses nothing but the JDK and aws-lambda-java-core.
 */
public final class LocalContext implements Context {
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";

    private final String functionName;
    private final String requestId;
    private final long deadlineNanos;
    private final int memoryLimitMb;
    private final LambdaLogger logger;

    /** A new invocation: a fresh request id, {@code timeout} from now. */
    public LocalContext(String functionName, Duration timeout, int memoryLimitMb, PrintStream log) {
        this(functionName, UUID.randomUUID().toString(), timeout, memoryLimitMb, log);
    }

    /** An invocation the Runtime API handed over with its request id and {@code remaining} time. */
    public LocalContext(String functionName, String requestId, Duration remaining, int memoryLimitMb, PrintStream log) {
        this.functionName = functionName;
        this.requestId = requestId;
        this.deadlineNanos = System.nanoTime() + remaining.toNanos();
        this.memoryLimitMb = memoryLimitMb;
        this.logger = new StreamLogger(log);
    }

    /** The classes this context is made of, for a class path that holds it beside a bare function jar. */
    public static List<String> classNames() {
        return List.of(LocalContext.class.getName(), StreamLogger.class.getName());
    }

    /** The ARN the local Lambda API gives a function. */
    public static String functionArn(String functionName) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + functionName;
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
        return "local/" + requestId;
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
        return functionArn(functionName);
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
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000L;
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryLimitMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    private static final class StreamLogger implements LambdaLogger {
        private final PrintStream log;

        StreamLogger(PrintStream log) {
            this.log = log;
        }

        @Override
        public void log(String message) {
            log.print(message);
        }

        @Override
        public void log(byte[] message) {
            log.print(new String(message, StandardCharsets.UTF_8));
        }
    }
}
