package com.productflow.functions.state;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.productflow.functions.FunctionMetrics;
import com.productflow.functions.FunctionSettings;
import com.productflow.functions.InvalidInput;
import com.productflow.functions.JsonHandler;
import com.productflow.functions.Wiring;
import com.productflow.pipeline.OutcomeRecorder;
import com.productflow.pipeline.PipelineJson;
import com.productflow.pipeline.RegisteredFile;
import com.productflow.state.FileId;
import com.productflow.state.FileOutputs;
import com.productflow.state.FileStatus;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * RecordOutcomeFunction, the last task of process-file (contract in statemachine/README.md):
 * {@code outcome: COMPLETED} with {@code outputs.convert} / {@code outputs.extract}, or
 * {@code outcome: FAILED} with {@code error} (the error name) and {@code cause} (the Lambda error
 * document as a JSON string, or free text). Idempotent, so the state machine may retry it.
 */
public final class RecordOutcomeHandler extends JsonHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RecordOutcomeHandler.class);
    private final OutcomeRecorder recorder;
    private final Clock clock;

    public RecordOutcomeHandler() {
        this(new OutcomeRecorder(new Wiring(FunctionSettings.load()).stateStore()), Clock.systemUTC());
    }

    public RecordOutcomeHandler(OutcomeRecorder recorder, Clock clock) {
        this.recorder = recorder;
        this.clock = clock;
    }

    @Override
    protected Object handle(JsonNode event, Context context) throws Exception {
        if (!event.hasNonNull("file") || !event.hasNonNull("executionId") || !event.hasNonNull("outcome")) {
            throw new InvalidInput("record-outcome expects {\"outcome\", \"file\", \"executionId\", ...}");
        }
        RegisteredFile file = PipelineJson.MAPPER.treeToValue(event.get("file"), RegisteredFile.class);
        FileId id = file.fileId();
        String executionId = event.get("executionId").asText();
        MDC.put("bucket", file.bucket());
        MDC.put("key", file.key());
        MDC.put("executionId", executionId);
        OutcomeRecorder.Recorded recorded;
        switch (event.get("outcome").asText()) {
            case "COMPLETED" -> {
                JsonNode convert = event.path("outputs").path("convert");
                JsonNode extract = event.path("outputs").path("extract");
                FileOutputs outputs = new FileOutputs(convert.path("outputKey").asText(), convert.path("outputSha256").asText(),
                        convert.path("records").asLong(), extract.path("published").asLong(0));
                recorded = recorder.completed(id, executionId, outputs);
                if (recorded.written()) {
                    FunctionMetrics.count("FilesCompleted", 1);
                }
            }
            case "FAILED" -> {
                String error = event.path("error").asText("States.Runtime");
                recorded = recorder.failed(id, executionId, error, message(event.path("cause").asText("")), clock.instant());
                if (recorded.written()) {
                    FunctionMetrics.count(recorded.status() == FileStatus.QUARANTINED ? "FilesQuarantined" : "FilesFailed", 1);
                }
            }
            default -> throw new InvalidInput("outcome must be COMPLETED or FAILED, got '" + event.get("outcome").asText() + "'");
        }
        LOG.info("outcome {}: {} ({})", event.get("outcome").asText(), recorded.status(), recorded.message());
        return Map.of("status", String.valueOf(recorded.status()), "written", recorded.written(), "message", recorded.message());
    }

    /** The Lambda error document's errorMessage when the cause is one, else the cause as given. */
    static String message(String cause) {
        if (cause.startsWith("{")) {
            try {
                JsonNode document = PipelineJson.MAPPER.readTree(cause);
                if (document.hasNonNull("errorMessage")) {
                    return document.get("errorMessage").asText();
                }
            } catch (java.io.IOException notJson) {
                // fall through: keep the raw cause
            }
        }
        return cause;
    }
}
