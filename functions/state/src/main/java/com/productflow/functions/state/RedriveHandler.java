package com.productflow.functions.state;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.productflow.common.config.SettingsRegistry;
import com.productflow.functions.FunctionMetrics;
import com.productflow.functions.FunctionSettings;
import com.productflow.functions.JsonHandler;
import com.productflow.functions.Wiring;
import com.productflow.pipeline.Redrive;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RedriveFunction, on a schedule: restarts FAILED files within their attempt budget, IN_PROGRESS files
 * whose lease expired and PENDING files whose execution never started; reports QUARANTINED files as
 * the {@code FilesQuarantined} metric (the alarm watches it). The event itself carries nothing we need.
 */
public final class RedriveHandler extends JsonHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RedriveHandler.class);
    private final Redrive redrive;

    public RedriveHandler() {
        this(new Wiring(FunctionSettings.load()));
    }

    private RedriveHandler(Wiring wiring) {
        this(new Redrive(wiring.stateStore(), wiring.executions(), Clock.systemUTC(),
                wiring.settings().get(SettingsRegistry.REDRIVE_PENDING_AFTER)));
    }

    public RedriveHandler(Redrive redrive) {
        this.redrive = redrive;
    }

    @Override
    protected Object handle(JsonNode event, Context context) {
        Redrive.Summary summary = redrive.run();
        FunctionMetrics.count("FilesRedriven", summary.failedRestarted() + summary.expiredRestarted() + summary.pendingRestarted());
        FunctionMetrics.count("FilesQuarantined", summary.quarantined());
        LOG.info("redrive: {}", summary);
        return summary;
    }
}
