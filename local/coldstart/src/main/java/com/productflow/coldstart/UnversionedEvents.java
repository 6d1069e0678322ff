package com.productflow.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The local stack's S3 (s3proxy) keeps no object versions and answers 501 to any read of a version
 * ({@code ?versionId=...}), while events written for AWS (events/s3-put.json, the EventBridge sample)
 * name one. Before such an event is sent to a local function (by {@code invoke} and by the cold-start harness),
 * its objects' version ids are dropped:
 * the ETag then identifies the file, exactly as for an unversioned bucket in AWS. The sequencer stays.
 */
public final class UnversionedEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private UnversionedEvents() {}

    /**
     * The event without {@code versionId} (notifications, backfill, a process-file task's {@code file}) and
     * {@code version-id} (EventBridge); other JSON as is.
     */
    public static String withoutVersions(String event) {
        JsonNode root;
        try {
            root = JSON.readTree(event);
        } catch (IOException notJson) {
            return event; // the function reports it
        }
        if (root == null || !root.isObject()) {
            return event;
        }
        for (JsonNode record : root.path("Records")) {
            strip(record.path("s3").path("object"), "versionId");
        }
        strip(root.path("detail").path("object"), "version-id");
        strip(root.path("object"), "versionId");
        strip(root.path("file"), "versionId");
        return root.toString();
    }

    private static void strip(JsonNode object, String field) {
        if (object instanceof ObjectNode node) {
            node.remove(field);
        }
    }
}
