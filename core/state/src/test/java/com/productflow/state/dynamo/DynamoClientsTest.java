package com.productflow.state.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.productflow.common.config.InvalidSettingException;
import com.productflow.common.config.SettingsSource;
import com.productflow.state.StateSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DynamoClientsTest {
    @Test
    void onlyLoopbackEndpointsCountAsLocal() {
        assertThat(DynamoClients.isLoopback(URI.create("http://127.0.0.1:8000"))).isTrue();
        assertThat(DynamoClients.isLoopback(URI.create("http://localhost:8000"))).isTrue();
        assertThat(DynamoClients.isLoopback(URI.create("http://[::1]:8000"))).isTrue();
        assertThat(DynamoClients.isLoopback(URI.create("https://dynamodb.eu-west-1.amazonaws.com"))).isFalse();
        assertThat(DynamoClients.isLoopback(URI.create("http://10.0.0.5:8000"))).isFalse();
    }

    @Test
    void noRegionAnywhereIsABadSettingNamingAwsRegion() {
        // Only meaningful where nothing supplies a region (EC2 metadata is disabled for tests).
        assumeTrue(System.getenv("AWS_REGION") == null && System.getProperty("aws.region") == null
                && System.getenv("AWS_CONFIG_FILE") == null && System.getenv("AWS_PROFILE") == null
                && !Files.exists(Path.of(System.getProperty("user.home"), ".aws", "config")));
        StateSettings settings = StateSettings.from(SettingsSource.of(Map.of()));
        assertThatThrownBy(() -> DynamoClients.create(settings))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("AWS_REGION"));
    }
}
