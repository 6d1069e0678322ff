package com.productflow.stack.sfn;

import java.nio.charset.StandardCharsets;

/**
 * A function error whose Lambda error document ({@code {errorMessage, errorType, stackTrace}}) is already
 * written, by the runtime inside the function's own JVM or by the local Lambda service (a timeout, a
 * runtime that exited). The Invoke API answers it verbatim with {@code X-Amz-Function-Error: Unhandled}.
 */
public final class FunctionError extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient byte[] document;

    public FunctionError(byte[] document) {
        super(new String(document, StandardCharsets.UTF_8));
        this.document = document.clone();
    }

    /** An error document of the Lambda service itself, e.g. {@code Sandbox.Timedout}. */
    public static FunctionError service(String errorType, String errorMessage) {
        com.fasterxml.jackson.databind.node.ObjectNode doc = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        doc.put("errorType", errorType);
        doc.put("errorMessage", errorMessage);
        return new FunctionError(doc.toString().getBytes(StandardCharsets.UTF_8));
    }

    public byte[] document() {
        return document.clone();
    }
}
