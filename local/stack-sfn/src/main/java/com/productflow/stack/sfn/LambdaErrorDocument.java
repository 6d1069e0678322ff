package com.productflow.stack.sfn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The error document the Java Lambda runtime returns for an exception thrown by a handler. Mirrors
 * aws-lambda-java-runtime-interface-client's {@code LambdaErrorConverter.fromThrowable}: {@code errorType}
 * is the fully-qualified class name ({@code getClass().getName()}, so a nested class reads
 * {@code Outer$Inner}), {@code errorMessage} the localized message or the class name when there is none,
 * {@code stackTrace} one {@code StackTraceElement.toString()} per frame. Step Functions matches
 * {@code Retry}/{@code Catch} {@code ErrorEquals} against {@code errorType}.
 */
public final class LambdaErrorDocument {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaErrorDocument() {
    }

    public static byte[] of(Throwable error) {
        ObjectNode doc = JSON.createObjectNode();
        String type = error.getClass().getName();
        String message = error.getLocalizedMessage();
        doc.put("errorMessage", message == null ? type : message);
        doc.put("errorType", type);
        ArrayNode trace = doc.putArray("stackTrace");
        for (StackTraceElement frame : error.getStackTrace()) {
            trace.add(frame.toString());
        }
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
