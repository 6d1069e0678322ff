package com.productflow.functions.state;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.productflow.functions.FunctionMetrics;
import com.productflow.functions.FunctionSettings;
import com.productflow.functions.JsonHandler;
import com.productflow.functions.Wiring;
import com.productflow.pipeline.OutcomeRecorder;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RecordOutcomeFunction, the last task of process-file (contract in statemachine/README.md): the
 * execution's outcome, COMPLETED with its outputs or FAILED with the error, written by
 * {@link OutcomeRecorder#record}. Idempotent, so the state machine may retry it.
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
    protected Object handle(JsonNode event, Context context) {
        OutcomeRecorder.Recorded recorded = recorder.record(event, clock.instant());
        if (recorded.written()) {
            FunctionMetrics.count(switch (recorded.status()) {
                case COMPLETED -> "FilesCompleted";
                case QUARANTINED -> "FilesQuarantined";
                default -> "FilesFailed";
            }, 1);
        }
        LOG.info("outcome {}: {} ({})", event.path("outcome").asText(), recorded.status(), recorded.message());
        return Map.of("status", String.valueOf(recorded.status()), "written", recorded.written(), "message", recorded.message());
    }
}
