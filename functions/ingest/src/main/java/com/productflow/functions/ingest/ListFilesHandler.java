package com.productflow.functions.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.productflow.functions.FunctionSettings;
import com.productflow.functions.JsonHandler;
import com.productflow.functions.Wiring;
import com.productflow.pipeline.InputListing;
import com.productflow.storage.ObjectStore;

/**
 * ListFilesFunction, a task of the backfill: one page of the input files under a prefix
 * ({@link InputListing}: only the keys ingest accepts, {@code InputKeys}). In
 * {@code {bucket, prefix, continuationToken, maxKeys}}; out
 * {@code {files: [{bucket, key, etag, size}], nextContinuationToken}} (null on the last page).
 */
public final class ListFilesHandler extends JsonHandler {
    private final InputListing listing;

    public ListFilesHandler() {
        this(new Wiring(FunctionSettings.load()).transfers().store());
    }

    public ListFilesHandler(ObjectStore store) {
        this.listing = new InputListing(store);
    }

    @Override
    protected Object handle(JsonNode event, Context context) {
        JsonNode token = event.path("continuationToken");
        return listing.page(event.path("bucket").asText(""), event.path("prefix").asText(""),
                token.isTextual() ? token.asText() : null, event.path("maxKeys").asInt(200));
    }
}
