package com.productflow.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.productflow.common.config.InvalidSettingException;
import com.productflow.common.config.SettingsSource;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StateSettingsTest {
    @Test
    void defaults() {
        StateSettings settings = StateSettings.from(SettingsSource.of(Map.of()));
        assertThat(settings).isEqualTo(new StateSettings("productflow-files", Optional.empty(), Optional.empty(), 30, 3, Duration.ofMinutes(15)));
    }

    @Test
    void readsEveryKey() {
        StateSettings settings = StateSettings.from(SettingsSource.of(Map.of(
                "STATE_TABLE", "files.test", "DYNAMODB_ENDPOINT", "http://127.0.0.1:8000", "AWS_REGION", "eu-west-1",
                "STATE_RETENTION_DAYS", "7", "STATE_MAX_ATTEMPTS", "5", "STATE_LEASE", "90s")));
        assertThat(settings).isEqualTo(new StateSettings("files.test", Optional.of(URI.create("http://127.0.0.1:8000")),
                Optional.of("eu-west-1"), 7, 5, Duration.ofSeconds(90)));
    }

    @Test
    void theSdksEndpointVariableWinsOverItsAlias() {
        assertThat(StateSettings.from(SettingsSource.of(Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:1",
                "DYNAMODB_ENDPOINT", "http://127.0.0.1:2"))).endpoint()).contains(URI.create("http://127.0.0.1:1"));
        assertThat(StateSettings.from(SettingsSource.of(Map.of("DYNAMODB_ENDPOINT", "http://127.0.0.1:2"))).endpoint())
                .contains(URI.create("http://127.0.0.1:2"));
        assertInvalid("AWS_ENDPOINT_URL_DYNAMODB", "ftp://host");
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertInvalid("STATE_TABLE", "a/b");
        assertInvalid("DYNAMODB_ENDPOINT", "ftp://host");
        assertInvalid("DYNAMODB_ENDPOINT", "not a url");
        assertInvalid("AWS_REGION", "Europe");
        assertInvalid("STATE_RETENTION_DAYS", "0");
        assertInvalid("STATE_MAX_ATTEMPTS", "many");
        assertInvalid("STATE_LEASE", "0s");
        assertInvalid("STATE_LEASE", "forever");
    }

    private static void assertInvalid(String key, String value) {
        assertThatThrownBy(() -> StateSettings.from(SettingsSource.of(Map.of(key, value))))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageContaining(key);
    }
}
