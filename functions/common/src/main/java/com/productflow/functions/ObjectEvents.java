package com.productflow.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.productflow.common.BadInputException;
import com.productflow.pipeline.ObjectRef;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the S3 objects out of the events that reach ingest: an S3 notification ({@code Records[]}, keys
 * form-encoded), an EventBridge "Object Created" event (keys plain), or a backfill request
 * ({@code {"object": {...}}}). Other shapes are {@link InvalidInput}.
 */
public final class ObjectEvents {
    private ObjectEvents() {}

    public static List<ObjectRef> parse(JsonNode event) {
        try {
            return objects(event);
        } catch (BadInputException e) {
            throw new InvalidInput(e.getMessage(), e);
        }
    }

    private static List<ObjectRef> objects(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new InvalidInput("expected a JSON object event, got " + (event == null ? "nothing" : event.getNodeType()));
        }
        if (event.has("Records")) {
            List<ObjectRef> refs = new ArrayList<>();
            for (JsonNode record : event.get("Records")) {
                JsonNode s3 = record.path("s3");
                String eventName = record.path("eventName").asText("");
                if (s3.isMissingNode() || !eventName.startsWith("ObjectCreated")) {
                    continue; // other notifications (deletes, tests) carry no file to ingest
                }
                JsonNode object = s3.path("object");
                refs.add(new ObjectRef(
                        s3.path("bucket").path("name").asText(""),
                        URLDecoder.decode(object.path("key").asText(""), StandardCharsets.UTF_8),
                        text(object, "versionId"),
                        text(object, "eTag"),
                        object.path("size").asLong(-1)));
            }
            return refs;
        }
        if ("aws.s3".equals(event.path("source").asText()) && "Object Created".equals(event.path("detail-type").asText())) {
            JsonNode detail = event.path("detail");
            JsonNode object = detail.path("object");
            return List.of(new ObjectRef(
                    detail.path("bucket").path("name").asText(""),
                    object.path("key").asText(""),
                    text(object, "version-id"),
                    text(object, "etag"),
                    object.path("size").asLong(-1)));
        }
        if (event.has("object")) {
            return List.of(fromObject(event.get("object")));
        }
        throw new InvalidInput("unrecognised event: neither an S3 notification, an EventBridge Object Created event nor a backfill request");
    }

    /** The {@code {"bucket","key","versionId","etag","size"}} form used between our own functions. */
    public static ObjectRef fromObject(JsonNode object) {
        return new ObjectRef(
                object.path("bucket").asText(""),
                object.path("key").asText(""),
                text(object, "versionId"),
                text(object, "etag"),
                object.path("size").asLong(-1));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
