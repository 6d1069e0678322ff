package com.productflow.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The Step Functions API as raw JSON (AWS JSON 1.0), so the console hands the browser the very documents AWS
 * defines (execution history events included) instead of re-mapping the SDK's model objects.
 */
final class StepFunctionsJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    StepFunctionsJson(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** Calls {@code operation}; an API error becomes a {@link ConsoleException} with the API's message. */
    JsonNode call(String operation, ObjectNode request) {
        HttpRequest http = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AWSStepFunctions." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(request.toString(), StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = this.http.send(http, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                String type = body.path("__type").asText("Error");
                int status = type.endsWith("DoesNotExist") ? 404 : 400;
                throw new ConsoleException(status, type + ": " + body.path("message").asText());
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("the local Step Functions API at " + endpoint + " did not answer " + operation, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling " + operation, e);
        }
    }

    static ObjectNode request() {
        return JSON.createObjectNode();
    }
}
