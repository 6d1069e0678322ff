package com.productflow.functions.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.productflow.functions.Failures;
import com.productflow.functions.FunctionMetrics;
import com.productflow.functions.FunctionSettings;
import com.productflow.functions.InvalidInput;
import com.productflow.functions.JsonHandler;
import com.productflow.functions.ObjectEvents;
import com.productflow.functions.ObjectRef;
import com.productflow.functions.TransientFailure;
import com.productflow.functions.Wiring;
import com.productflow.pipeline.FileIngest;
import com.productflow.state.FileId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * IngestFunction: for every object in the event (an S3 notification, an EventBridge Object Created
 * event, or a backfill request) computes its SHA-256, registers it PENDING and starts process-file
 * under the file's deterministic name. Records are handled one by one: a failure on one does not stop
 * the others; afterwards the invocation fails (so Lambda retries it and, in the end, dead-letters it)
 * and the retry redoes only what is not done, because every step is idempotent.
 */
public final class IngestHandler extends JsonHandler {
    private static final Logger LOG = LoggerFactory.getLogger(IngestHandler.class);
    private final FileIngest ingest;

    public IngestHandler() {
        this(new Wiring(FunctionSettings.load()));
    }

    private IngestHandler(Wiring wiring) {
        this(new FileIngest(wiring.transfers(), wiring.stateStore(), wiring.executions(), wiring.stateSettings().maxAttempts()));
    }

    public IngestHandler(FileIngest ingest) {
        this.ingest = ingest;
    }

    @Override
    protected Object handle(JsonNode event, Context context) {
        List<ObjectRef> objects = ObjectEvents.parse(event);
        List<Map<String, Object>> results = new ArrayList<>();
        List<RuntimeException> failures = new ArrayList<>();
        for (ObjectRef object : objects) {
            MDC.put("bucket", object.bucket());
            MDC.put("key", object.key());
            try {
                FileIngest.Outcome outcome = ingest.ingest(fileId(object));
                results.add(describe(outcome));
                FunctionMetrics.count("FilesIngested", 1);
            } catch (Exception e) {
                RuntimeException failure = Failures.classify(e);
                LOG.error("ingest of s3://{}/{} failed: {}", object.bucket(), object.key(), failure.getMessage());
                results.add(Map.of("bucket", object.bucket(), "key", object.key(), "error", String.valueOf(failure.getMessage())));
                failures.add(failure);
                FunctionMetrics.count("IngestFailures", 1);
            } finally {
                MDC.remove("bucket");
                MDC.remove("key");
                MDC.remove("sha256");
                MDC.remove("executionId");
            }
        }
        if (!failures.isEmpty()) {
            String message = failures.size() + " of " + objects.size() + " objects not ingested; first: " + failures.get(0).getMessage();
            boolean allPermanent = failures.stream().allMatch(f -> f instanceof InvalidInput);
            throw allPermanent ? new InvalidInput(message, failures.get(0)) : new TransientFailure(message, failures.get(0));
        }
        if (event.has("object")) {
            // The backfill's contract: {executionArn, started} for its one object.
            Map<String, Object> only = results.get(0);
            return Map.of("executionArn", only.getOrDefault("executionArn", ""), "started", only.getOrDefault("started", false));
        }
        return Map.of("files", results);
    }

    private static FileId fileId(ObjectRef object) {
        return new FileId(object.bucket(), object.key(), object.versionId(), object.etag());
    }

    private static Map<String, Object> describe(FileIngest.Outcome outcome) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("bucket", outcome.file().bucket());
        result.put("key", outcome.file().key());
        if (outcome instanceof FileIngest.Outcome.Started started) {
            MDC.put("sha256", started.registered().inputSha256());
            MDC.put("executionId", started.executionArn());
            LOG.info("registered and {} process-file", started.newExecution() ? "started" : "already started");
            result.put("inputSha256", started.registered().inputSha256());
            result.put("executionArn", started.executionArn());
            result.put("started", started.newExecution());
        } else if (outcome instanceof FileIngest.Outcome.AlreadyDone done) {
            LOG.info("already {}: nothing to start", done.status());
            result.put("status", done.status().name());
            result.put("started", false);
        } else {
            LOG.warn("object is gone or was overwritten before it could be read: nothing to ingest");
            result.put("status", "VANISHED");
            result.put("started", false);
        }
        return result;
    }
}
