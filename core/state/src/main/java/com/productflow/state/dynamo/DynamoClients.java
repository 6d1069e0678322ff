package com.productflow.state.dynamo;

import com.productflow.common.config.InvalidSettingException;
import com.productflow.state.StateSettings;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the DynamoDB client from {@link StateSettings}: the JDK's HTTP client (small, no Netty),
 * the endpoint override when set, the region from {@code AWS_REGION} or the SDK's default chain.
 *
 * <p>For an endpoint on the loopback address (a local dynalite) the client never asks EC2 metadata for
 * a region or credentials: it uses {@code us-east-1} and, when no credentials are configured in the
 * environment, system properties or profile, placeholder ones (the local server does not check them).
 */
public final class DynamoClients {
    static final String LOCAL_REGION = "us-east-1";

    private DynamoClients() {}

    public static DynamoDbClient create(StateSettings settings) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        boolean local = settings.endpoint().map(DynamoClients::isLoopback).orElse(false);
        settings.endpoint().ifPresent(builder::endpointOverride);
        if (settings.region().isPresent()) {
            builder.region(Region.of(settings.region().get()));
        } else if (local) {
            builder.region(Region.of(LOCAL_REGION));
        }
        if (local) {
            builder.credentialsProvider(localCredentials());
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        try {
            return builder.build();
        } catch (SdkClientException e) {
            if (settings.region().isEmpty() && String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("region")) {
                throw new InvalidSettingException(StateSettings.REGION, "is not set and the SDK found no region in its"
                        + " default chain (set AWS_REGION, or DYNAMODB_ENDPOINT for a local server)");
            }
            throw e;
        }
    }

    /** A client for a local server at {@code endpoint} (tests, the local stack). */
    public static DynamoDbClient local(URI endpoint) {
        return DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint)
                .region(Region.of(LOCAL_REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    private static AwsCredentialsProvider localCredentials() {
        return AwsCredentialsProviderChain.builder()
                .credentialsProviders(
                        EnvironmentVariableCredentialsProvider.create(),
                        SystemPropertyCredentialsProvider.create(),
                        ProfileCredentialsProvider.create(),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    static boolean isLoopback(URI endpoint) {
        String host = endpoint.getHost();
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            // Only literal addresses are looked at; a name other than localhost is never resolved here.
            if (host.matches("[0-9.]+") || host.startsWith("[")) {
                return InetAddress.getByName(host).isLoopbackAddress();
            }
        } catch (UnknownHostException e) {
            return false;
        }
        return false;
    }
}
