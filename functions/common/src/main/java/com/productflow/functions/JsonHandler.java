package com.productflow.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Base of our handlers: JSON in, JSON out, Powertools JSON logging around the call, failures mapped by
 * {@link Failures} so Retry/Catch in the state machine see stable error names. A subclass builds its
 * clients in its constructor (captured by a SnapStart snapshot) and implements {@link #handle}.
 */
public abstract class JsonHandler implements RequestStreamHandler {
    protected static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        Object result;
        try {
            result = PowertoolsLogging.withLogging(context, () -> {
                try {
                    return handle(event == null ? JSON.nullNode() : event, context);
                } catch (Exception e) {
                    throw Failures.classify(e);
                }
            });
        } finally {
            FunctionMetrics.flush();
        }
        JSON.writeValue(output, result);
    }

    /** Handles one event; the result is serialised with Jackson (records, maps and JsonNodes all work). */
    protected abstract Object handle(JsonNode event, Context context) throws Exception;
}
