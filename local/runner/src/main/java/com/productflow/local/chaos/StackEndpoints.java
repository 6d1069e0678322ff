package com.productflow.local.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;

/**
 * What the campaign needs from the endpoints line {@code productflow local} prints first on stdout (its
 * {@code LocalEndpoints}). Read again after every start: the ports change from one start to the next.
 */
public record StackEndpoints(URI s3, String kafka, URI dynamodb, URI lambda, String inputBucket, String outputBucket,
                             String topic, String region, String accessKey, String secretKey, String stateTable) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses the line; an IOException names what is missing. */
    public static StackEndpoints parse(String line) throws IOException {
        JsonNode node = JSON.readTree(line);
        if (node == null || !node.isObject()) {
            throw new IOException("not a JSON object: " + line);
        }
        return new StackEndpoints(URI.create(text(node, "s3")), text(node, "kafka"), URI.create(text(node, "dynamodb")),
                URI.create(text(node, "lambda")), text(node, "inputBucket"), text(node, "outputBucket"), text(node, "topic"),
                text(node, "region"), text(node, "accessKey"), text(node, "secretKey"), text(node, "stateTable"));
    }

    private static String text(JsonNode node, String field) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IOException("the endpoints line has no \"" + field + "\": " + node);
        }
        return value.asText();
    }
}
