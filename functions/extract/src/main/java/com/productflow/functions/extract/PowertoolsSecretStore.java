package com.productflow.functions.extract;

import com.productflow.functions.Wiring;
import com.productflow.pipeline.extract.SecretStore;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.lambda.powertools.parameters.secrets.SecretsProvider;

/**
 * Secrets Manager through Powertools' provider, whose cache keeps a value for the max age given to each
 * read. Built during init with no call made (the client resolves credentials and the endpoint, e.g.
 * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}, on first use), so no secret is in a SnapStart snapshot.
 * Powertools' cache has no eviction: forgetting a secret means starting a new, empty provider.
 */
final class PowertoolsSecretStore implements SecretStore {
    private final SecretsManagerClient client;
    private volatile SecretsProvider provider;

    PowertoolsSecretStore() {
        this.client = SecretsManagerClient.builder().httpClientBuilder(Wiring.httpClient()).build();
        this.provider = newProvider();
    }

    private SecretsProvider newProvider() {
        return SecretsProvider.builder().withClient(client).build();
    }

    @Override
    public String get(String secretId, Duration maxAge) {
        return provider.withMaxAge((int) Math.min(Integer.MAX_VALUE, maxAge.toSeconds()), ChronoUnit.SECONDS).get(secretId);
    }

    @Override
    public void forget(String secretId) {
        provider = newProvider();
    }
}
