package com.productflow.functions.convert;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.productflow.functions.FunctionMetrics;
import com.productflow.functions.FunctionSettings;
import com.productflow.functions.InvalidInput;
import com.productflow.functions.JsonHandler;
import com.productflow.functions.Wiring;
import com.productflow.pipeline.FileConversionJob;
import com.productflow.pipeline.PipelineJson;
import com.productflow.pipeline.RegisteredFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * ConvertFunction, a task of process-file: in {@code {file, executionId}}, claims the file and streams it
 * S3 JSON -> S3 XML and/or Parquet ({@code OUTPUT_FORMATS}, one read) with the ingest checksum verified.
 * Out ({@code outputs.convert}): {@link FileConversionJob.Result}. SnapStart primes the conversion: {@link ConvertPriming}.
 */
public final class ConvertHandler extends JsonHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ConvertHandler.class);
    private final FileConversionJob job;

    public ConvertHandler() {
        this(new Wiring(FunctionSettings.load()));
    }

    private ConvertHandler(Wiring wiring) {
        this(new FileConversionJob(wiring.stateStore(), ConvertPriming.register(wiring.productOutputs(wiring.transfers())),
                wiring.outputKeys(), wiring.stateSettings().lease()));
    }

    public ConvertHandler(FileConversionJob job) {
        this.job = job;
    }

    @Override
    protected Object handle(JsonNode event, Context context) throws Exception {
        if (!event.hasNonNull("file") || !event.hasNonNull("executionId")) {
            throw new InvalidInput("convert expects {\"file\": {...}, \"executionId\": \"...\"}");
        }
        RegisteredFile file = PipelineJson.MAPPER.treeToValue(event.get("file"), RegisteredFile.class);
        String executionId = event.get("executionId").asText();
        MDC.put("bucket", file.bucket());
        MDC.put("key", file.key());
        MDC.put("sha256", String.valueOf(file.inputSha256()));
        MDC.put("executionId", executionId);
        long start = System.nanoTime();
        FileConversionJob.Result result = job.run(file, executionId);
        FunctionMetrics.count("RecordsConverted", result.records());
        FunctionMetrics.bytes("BytesIn", result.bytesIn());
        FunctionMetrics.bytes("BytesOut", result.bytesOut());
        FunctionMetrics.milliseconds("ConvertDuration", (System.nanoTime() - start) / 1e6);
        LOG.info(result.supersededBy() != null ? "SUPERSEDED by version " + result.supersededBy() + ": nothing published"
                : "converted " + result.records() + " records to " + result.describeOutputs());
        return result;
    }
}
