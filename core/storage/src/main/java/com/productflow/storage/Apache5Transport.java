package com.productflow.storage;

import java.time.Duration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;

/**
 * The default transport of {@link S3ObjectStore}: Apache HttpClient 5 with a pool sized for the
 * transfer parallelism. Kept in its own class so that code which passes another transport (the Lambda
 * functions, whose jar does not carry Apache 5) never loads an Apache class.
 */
final class Apache5Transport {
    private Apache5Transport() {}

    static SdkHttpClient.Builder<?> builder(S3Settings settings) {
        int connections = Math.max(16, settings.transfer().parallelism() * 2 + 2);
        return Apache5HttpClient.builder()
                .maxConnections(connections)
                .expectContinueEnabled(settings.expectContinue())
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(60));
    }
}
