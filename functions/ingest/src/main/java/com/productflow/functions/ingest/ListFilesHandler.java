package com.productflow.functions.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.productflow.functions.FunctionSettings;
import com.productflow.functions.InvalidInput;
import com.productflow.functions.JsonHandler;
import com.productflow.functions.Wiring;
import com.productflow.storage.ObjectListing;
import com.productflow.storage.ObjectStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ListFilesFunction, a task of the backfill: one page of the objects under a prefix, keeping only the
 * suffixes ingest accepts ({@code .json}, {@code .jsonl}, {@code .json.gz}). In
 * {@code {bucket, prefix, continuationToken, maxKeys}}; out
 * {@code {files: [{bucket, key, etag, size}], nextContinuationToken}} (null on the last page).
 */
public final class ListFilesHandler extends JsonHandler {
    private static final int MAX_KEYS_LIMIT = 1000;
    private final ObjectStore store;

    public ListFilesHandler() {
        this(new Wiring(FunctionSettings.load()).transfers().store());
    }

    public ListFilesHandler(ObjectStore store) {
        this.store = store;
    }

    @Override
    protected Object handle(JsonNode event, Context context) {
        String bucket = event.path("bucket").asText("");
        if (bucket.isEmpty()) {
            throw new InvalidInput("list-files expects {\"bucket\": \"...\", \"prefix\": \"...\"}");
        }
        int maxKeys = event.path("maxKeys").asInt(200);
        if (maxKeys < 1 || maxKeys > MAX_KEYS_LIMIT) {
            throw new InvalidInput("maxKeys must be between 1 and " + MAX_KEYS_LIMIT + ", got " + maxKeys);
        }
        JsonNode token = event.get("continuationToken");
        ObjectListing page = store.listPage(bucket, event.path("prefix").asText(""),
                token == null || token.isNull() ? null : token.asText(), maxKeys);
        List<Map<String, Object>> files = new ArrayList<>();
        for (ObjectListing.Entry object : page.objects()) {
            if (accepted(object.key())) {
                Map<String, Object> file = new LinkedHashMap<>();
                file.put("bucket", bucket);
                file.put("key", object.key());
                file.put("etag", object.eTag());
                file.put("size", object.size());
                files.add(file);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("files", files);
        result.put("nextContinuationToken", page.nextToken().orElse(null));
        return result;
    }

    /** The suffixes the S3 notification accepts. */
    static boolean accepted(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.endsWith(".json") || lower.endsWith(".jsonl") || lower.endsWith(".json.gz");
    }
}
