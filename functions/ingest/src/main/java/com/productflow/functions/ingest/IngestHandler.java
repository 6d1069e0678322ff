package com.productflow.functions.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.productflow.functions.FunctionMetrics;
import com.productflow.functions.FunctionSettings;
import com.productflow.functions.JsonHandler;
import com.productflow.functions.ObjectEvents;
import com.productflow.functions.Wiring;
import com.productflow.pipeline.FileIngest;
import com.productflow.pipeline.IngestBatch;
import java.util.Map;

/**
 * IngestFunction: for every object in the event (an S3 notification, an EventBridge Object Created
 * event, or a backfill request) computes its SHA-256, registers it PENDING and starts process-file
 * under the file's deterministic name ({@link IngestBatch}: one by one, then the invocation fails if
 * any failed, as InvalidInput when all were bad input, else TransientFailure).
 */
public final class IngestHandler extends JsonHandler {
    private final IngestBatch batch;

    public IngestHandler() {
        this(new Wiring(FunctionSettings.load()));
    }

    private IngestHandler(Wiring wiring) {
        this(new FileIngest(wiring.transfers(), wiring.stateStore(), wiring.executions(), wiring.stateSettings().maxAttempts()));
    }

    public IngestHandler(FileIngest ingest) {
        this.batch = new IngestBatch(ingest);
    }

    @Override
    protected Object handle(JsonNode event, Context context) {
        IngestBatch.Report report = batch.ingestAll(ObjectEvents.parse(event));
        FunctionMetrics.count("FilesIngested", report.ingested());
        FunctionMetrics.count("IngestFailures", report.failed());
        report.requireAllIngested();
        // A backfill request names one object and expects {executionArn, started} back.
        return event.has("object") ? report.single() : Map.of("files", report.files());
    }
}
