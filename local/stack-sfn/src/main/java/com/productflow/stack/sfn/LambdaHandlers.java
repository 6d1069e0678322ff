package com.productflow.stack.sfn;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.Function;

/**
 * Adapters from the Lambda handler interfaces to {@link LocalFunction}, so the local Invoke API runs the
 * real handler classes. Each invocation gets its own {@link LocalContext} with the function's timeout;
 * the handler instance is reused across invocations, as a warm Lambda container does.
 */
public final class LambdaHandlers {

    /** Lambda's default memory size, reported by {@code Context.getMemoryLimitInMB()}. */
    private static final int DEFAULT_MEMORY_MB = 512;

    private LambdaHandlers() {
    }

    /** A {@link RequestStreamHandler}: the payload bytes in, whatever it writes out. */
    public static LocalFunction stream(String functionName, Duration timeout, RequestStreamHandler handler) {
        return payload -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = new ByteArrayInputStream(payload)) {
                handler.handleRequest(in, out, new LocalContext(functionName, timeout, DEFAULT_MEMORY_MB, System.err));
            }
            return out.toByteArray();
        };
    }

    /**
     * A typed {@link RequestHandler}. The caller supplies the (de)serialisation the Lambda runtime would
     * apply; for aws-lambda-java-events types that is aws-lambda-java-serialization, not plain Jackson.
     */
    public static <I, O> LocalFunction typed(String functionName, Duration timeout, RequestHandler<I, O> handler,
                                             Decoder<I> decode, Function<O, byte[]> encode) {
        return payload -> {
            I input = decode.decode(payload);
            O output = handler.handleRequest(input, new LocalContext(functionName, timeout, DEFAULT_MEMORY_MB, System.err));
            return encode.apply(output);
        };
    }

    /** Turns payload bytes into a handler's input type. */
    @FunctionalInterface
    public interface Decoder<I> {
        I decode(byte[] payload) throws IOException;
    }
}
