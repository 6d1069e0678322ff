package com.productflow.functions;

import com.productflow.common.config.SettingsRegistry;
import com.productflow.common.config.SettingsSource;
import com.productflow.common.watermark.WatermarkStore;
import com.productflow.convert.ConversionOptions;
import com.productflow.pipeline.ExecutionStarter;
import com.productflow.pipeline.OutputKeys;
import com.productflow.pipeline.ProductOutputs;
import com.productflow.pipeline.S3Conversion;
import com.productflow.pipeline.SfnExecutionStarter;
import com.productflow.state.FileStateStore;
import com.productflow.state.StateSettings;
import com.productflow.state.dynamo.DynamoClients;
import com.productflow.state.dynamo.DynamoFileStateStore;
import com.productflow.state.dynamo.DynamoWatermarkStore;
import com.productflow.storage.ObjectTransfers;
import com.productflow.storage.S3ObjectStore;
import com.productflow.storage.S3Settings;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Builds the real adapters from settings, once per handler instance (in its constructor, so SnapStart
 * snapshots them). The local runner and tests build handlers with their own adapters instead.
 */
public final class Wiring {
    public static final String STATE_MACHINE_ARN = SettingsRegistry.STATE_MACHINE_ARN.key();
    public static final String OUTPUT_BUCKET = SettingsRegistry.OUTPUT_BUCKET.key();
    public static final String OUTPUT_PREFIX = SettingsRegistry.OUTPUT_PREFIX.key();

    private final SettingsSource settings;

    public Wiring(SettingsSource settings) {
        this.settings = settings;
    }

    public SettingsSource settings() {
        return settings;
    }

    public StateSettings stateSettings() {
        return StateSettings.from(settings);
    }

    public FileStateStore stateStore() {
        StateSettings state = stateSettings();
        return new DynamoFileStateStore(DynamoClients.create(state), state.table(), Clock.systemUTC(), Duration.ofDays(state.retentionDays()));
    }

    /** The extract's watermarks, in the state table. */
    public WatermarkStore watermarks() {
        StateSettings state = stateSettings();
        return new DynamoWatermarkStore(DynamoClients.create(state), state.table(), Clock.systemUTC());
    }

    public ObjectTransfers transfers() {
        S3Settings s3 = S3Settings.from(settings);
        return new ObjectTransfers(S3ObjectStore.create(s3, httpClient()), s3.transfer());
    }

    /**
     * The one HTTP transport of the function jars (S3, DynamoDB, Step Functions, SSM): the JDK's
     * HttpURLConnection through the SDK's url-connection client. It starts faster than Apache 5 and
     * adds ~30 KB instead of ~2 MB; storage's Apache 5 default is excluded from the function jars.
     */
    public static UrlConnectionHttpClient.Builder httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(60));
    }

    /**
     * The product-feed conversion with the {@code CONVERT_*} settings (profile, nulls, strict, limits):
     * {@link S3Conversion#productFeed}, which {@code s3-convert} and {@code bench s3} run too.
     */
    public S3Conversion productFeedConversion(ObjectTransfers transfers) {
        return S3Conversion.productFeed(transfers, ConversionOptions.fromSettings(settings));
    }

    /**
     * What ConvertFunction writes ({@code OUTPUT_FORMATS}: the XML feed with the {@code CONVERT_*}
     * settings, Parquet with the {@code PARQUET_*} ones, or both from one read). Every setting is
     * validated here, in the constructor: a bad value fails the function's start naming its key.
     */
    public ProductOutputs productOutputs(ObjectTransfers transfers) {
        return ProductOutputs.fromSettings(transfers, settings);
    }

    public OutputKeys outputKeys() {
        return new OutputKeys(settings.get(SettingsRegistry.OUTPUT_BUCKET), settings.get(SettingsRegistry.OUTPUT_PREFIX),
                settings.get(SettingsRegistry.PARQUET_OUTPUT_PREFIX));
    }

    public ExecutionStarter executions() {
        // AWS_ENDPOINT_URL_SFN (read by the SDK itself) points this at a local executor.
        SfnClient sfn = SfnClient.builder().httpClientBuilder(httpClient()).build();
        return new SfnExecutionStarter(sfn, settings.get(SettingsRegistry.STATE_MACHINE_ARN));
    }
}
