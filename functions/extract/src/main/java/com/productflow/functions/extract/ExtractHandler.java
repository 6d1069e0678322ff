package com.productflow.functions.extract;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.productflow.common.config.SettingsSource;
import com.productflow.extract.publish.ExtractResult;
import com.productflow.extract.publish.PublishIncompleteException;
import com.productflow.extract.publish.WatermarkMovedException;
import com.productflow.functions.FunctionMetrics;
import com.productflow.functions.FunctionSettings;
import com.productflow.functions.JsonHandler;
import com.productflow.functions.KafkaUnavailable;
import com.productflow.functions.TransientFailure;
import com.productflow.functions.Wiring;
import com.productflow.pipeline.extract.ExtractJob;
import java.time.Instant;
import java.util.Optional;

/**
 * ExtractFunction, the extract branch of process-file: {@link ExtractJob} (SQL to Kafka, incremental by a
 * watermark in the state table; the database secret is read at invocation, never during init). A request
 * ({@code executionStartTime}) that a later complete run covered returns at once ({@link ExtractJob#run(Instant)}).
 * In and out: {@link ExtractPayloads}. A broker that cannot be reached, or any record not acknowledged, is
 * {@link KafkaUnavailable}: retried, never "success".
 */
public final class ExtractHandler extends JsonHandler {
    private final ExtractJob job;

    public ExtractHandler() {
        this(FunctionSettings.load());
    }

    /** What the no-arg constructor does, with the given settings instead of the environment (tests). */
    ExtractHandler(SettingsSource settings) {
        this(ExtractJob.fromSettings(settings, new Wiring(settings)::transfers, PowertoolsSecretStore::new, new Wiring(settings).watermarks()));
        ExtractPriming.prime(!ExtractJob.usesPostgres(settings));
    }

    public ExtractHandler(ExtractJob job) {
        this.job = job;
    }

    @Override
    protected Object handle(JsonNode event, Context context) throws Exception {
        try {
            Optional<Instant> requested = ExtractPayloads.requested(event);
            ExtractResult result = requested.isPresent() ? job.run(requested.get()) : job.run();
            FunctionMetrics.count("ProductsPublished", result.published());
            return ExtractPayloads.answer(result);
        } catch (PublishIncompleteException incomplete) {
            FunctionMetrics.count("ProductsNotPublished", incomplete.result().failed());
            throw new KafkaUnavailable(incomplete.getMessage(), incomplete);
        } catch (WatermarkMovedException concurrent) {
            // Another extract ran at the same time (a retry racing the original): go on from where it got to.
            throw new TransientFailure(concurrent.getMessage(), concurrent);
        }
    }
}
