package com.productflow.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.productflow.pipeline.InputKeys;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * The S3 event notification AWS would send IngestFunction for one new object: the same shape as
 * {@code events/s3-put.json}, the key form-encoded as S3 encodes it, the ETag without quotes.
 */
public final class S3Notifications {
    private static final ObjectMapper JSON = new ObjectMapper();
    private S3Notifications() {}

    /** Whether the template's notification filters would let this key through ({@link InputKeys}). */
    public static boolean accepted(String key) {
        return InputKeys.accepted(key);
    }

    public static String objectCreated(String region, String bucket, String key, String etag, long size, Instant at) {
        ObjectNode object = JSON.createObjectNode()
                .put("key", URLEncoder.encode(key, StandardCharsets.UTF_8))
                .put("size", size)
                .put("eTag", etag.replace("\"", ""))
                .put("sequencer", Long.toHexString(at.toEpochMilli()).toUpperCase(Locale.ROOT));
        ObjectNode s3 = JSON.createObjectNode()
                .put("s3SchemaVersion", "1.0")
                .put("configurationId", "productflow-ingest");
        s3.set("bucket", JSON.createObjectNode().put("name", bucket).put("arn", "arn:aws:s3:::" + bucket));
        s3.set("object", object);
        ObjectNode record = JSON.createObjectNode()
                .put("eventVersion", "2.1")
                .put("eventSource", "aws:s3")
                .put("awsRegion", region)
                .put("eventTime", at.toString())
                .put("eventName", "ObjectCreated:Put");
        record.set("s3", s3);
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        records.add(record);
        return event.toString();
    }
}
