package com.productflow.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Calls a function through the local Lambda Invoke API, as S3 notifications and {@code aws lambda invoke}
 * do in AWS, so the event goes through the same wire format and error mapping as every other caller.
 */
public final class LambdaInvoker {
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public LambdaInvoker(URI endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * One synchronous invocation's answer: the function's result, or (when {@code functionError}) the
     * Lambda error document {@code {errorMessage, errorType, stackTrace}}; a non-200 status is an error
     * of the Lambda service itself (e.g. 404 ResourceNotFoundException).
     */
    public record Result(int status, boolean functionError, String body) {
        public boolean ok() {
            return status == 200 && !functionError;
        }
    }

    public Result invoke(String functionName, String payload, Duration timeout) {
        return send(functionName, payload, timeout, "RequestResponse");
    }

    /** An asynchronous invocation ({@code Event}, what EventBridge does); the service's status (202 when queued). */
    public int invokeAsync(String functionName, String payload) {
        return send(functionName, payload, Duration.ofSeconds(30), "Event").status();
    }

    private Result send(String functionName, String payload, Duration timeout, String invocationType) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/2015-03-31/functions/"
                        + URLEncoder.encode(functionName, StandardCharsets.UTF_8) + "/invocations"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("X-Amz-Invocation-Type", invocationType)
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            boolean failed = response.headers().firstValue("X-Amz-Function-Error").isPresent();
            return new Result(response.statusCode(), failed, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("the local Lambda API at " + endpoint + " did not answer " + functionName, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while invoking " + functionName, e);
        }
    }
}
