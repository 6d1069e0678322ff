package com.productflow.local.chaos;

import com.productflow.common.config.SettingsRegistry;
import com.productflow.common.config.SettingsSource;
import com.productflow.local.LambdaInvoker;
import com.productflow.state.dynamo.DynamoClients;
import com.productflow.state.dynamo.DynamoFileStateStore;
import com.productflow.storage.S3ObjectStore;
import com.productflow.storage.S3Settings;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The campaign's clients of one start of the local system, made with core's own adapters and settings (S3
 * through {@link S3Settings} as every command builds it, the state table through {@link DynamoFileStateStore}).
 * Made anew after every restart; closing closes them.
 */
public final class StackClients implements AutoCloseable {
    private final StackEndpoints endpoints;
    private final S3ObjectStore s3;
    private final S3Settings s3Settings;
    private final DynamoDbClient dynamo;
    private final DynamoFileStateStore state;

    public StackClients(StackEndpoints endpoints) {
        this.endpoints = endpoints;
        this.s3Settings = S3Settings.from(SettingsSource.of(Map.of(
                SettingsRegistry.AWS_ENDPOINT_URL_S3.key(), endpoints.s3().toString(),
                SettingsRegistry.S3_ACCESS_KEY_ID.key(), endpoints.accessKey(),
                SettingsRegistry.S3_SECRET_ACCESS_KEY.key(), endpoints.secretKey(),
                SettingsRegistry.S3_REGION.key(), endpoints.region())));
        this.s3 = S3ObjectStore.create(s3Settings);
        this.dynamo = DynamoClients.local(endpoints.dynamodb());
        this.state = new DynamoFileStateStore(dynamo, endpoints.stateTable(), Clock.systemUTC(), Duration.ofDays(30));
    }

    public StackEndpoints endpoints() {
        return endpoints;
    }

    public S3ObjectStore s3() {
        return s3;
    }

    public S3Settings s3Settings() {
        return s3Settings;
    }

    public DynamoFileStateStore state() {
        return state;
    }

    public LambdaInvoker lambda() {
        return new LambdaInvoker(endpoints.lambda());
    }

    /** What the invariants read through. */
    public World world() {
        return new World(s3, state, endpoints.kafka(), endpoints.topic(), endpoints.inputBucket(), endpoints.outputBucket());
    }

    @Override
    public void close() {
        try {
            s3.close();
        } finally {
            dynamo.close();
        }
    }
}
