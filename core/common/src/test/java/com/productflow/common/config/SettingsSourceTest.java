package com.productflow.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static com.productflow.common.config.SettingsRegistry.CONVERT_STRICT;
import static com.productflow.common.config.SettingsRegistry.DEFAULT_DAYS_BACK;
import static com.productflow.common.config.SettingsRegistry.EXTRACT_MODE;
import static com.productflow.common.config.SettingsRegistry.KAFKA_BOOTSTRAP_SERVERS;
import static com.productflow.common.config.SettingsRegistry.KAFKA_CONNECT_TIMEOUT;
import static com.productflow.common.config.SettingsRegistry.KAFKA_TOPIC;
import static com.productflow.common.config.SettingsRegistry.S3_PART_SIZE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsSourceTest {
    enum Mode { FULL, INCREMENTAL }

    @Test
    void laterLayersWinAndBlankValuesDoNotOverride() {
        SettingsSource settings = SettingsSource.builder()
                .layer(".env", Map.of("KAFKA_TOPIC", "from-env-file", "DEFAULT_DAYS_BACK", "7"))
                .layer("environment", Map.of("KAFKA_TOPIC", "from-environment"))
                .layer("flag", Map.of("DEFAULT_DAYS_BACK", " "))
                .build();
        assertThat(settings.get(KAFKA_TOPIC)).isEqualTo("from-environment");
        assertThat(settings.get(DEFAULT_DAYS_BACK)).isEqualTo(7);
        assertThat(settings.origin("DEFAULT_DAYS_BACK")).contains(".env");
    }

    @Test
    void invalidValuesNameTheKeyAndTheLayer() {
        SettingsSource settings = SettingsSource.builder()
                .layer("flag", Map.of("DEFAULT_DAYS_BACK", "ten", "EXTRACT_MODE", "partial")).build();
        assertThatThrownBy(() -> settings.get(DEFAULT_DAYS_BACK))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("DEFAULT_DAYS_BACK").hasMessageContaining("ten").hasMessageContaining("flag");
        assertThatThrownBy(() -> settings.choice(EXTRACT_MODE, Mode.class))
                .hasMessageContaining("full|incremental");
        assertThatThrownBy(() -> settings.get(KAFKA_BOOTSTRAP_SERVERS)).hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void typedValues() {
        SettingsSource settings = SettingsSource.of(Map.of(
                "S3_PART_SIZE", "8MiB", "CONVERT_STRICT", "yes", "KAFKA_CONNECT_TIMEOUT", "1500ms", "EXTRACT_MODE", "incremental"));
        assertThat(settings.get(S3_PART_SIZE)).isEqualTo(8L << 20);
        assertThat(settings.get(CONVERT_STRICT)).isTrue();
        assertThat(settings.get(KAFKA_CONNECT_TIMEOUT)).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.choice(EXTRACT_MODE, Mode.class)).isEqualTo(Mode.INCREMENTAL);
        SettingsSource big = SettingsSource.of(Map.of("S3_PART_SIZE", "5GiB"));
        assertThatThrownBy(() -> big.get(S3_PART_SIZE)).hasMessageContaining("S3_PART_SIZE");
    }

    @Test
    void dotEnvFileIsParsedAndMalformedLinesNameFileAndLine(@TempDir Path dir) throws Exception {
        Path env = dir.resolve(".env");
        Files.writeString(env, "# comment\nexport S3_BUCKET=\"input bucket\"\nKAFKA_TOPIC=product-updates # note\n\n");
        assertThat(DotEnv.read(env)).containsEntry("S3_BUCKET", "input bucket").containsEntry("KAFKA_TOPIC", "product-updates");
        Files.writeString(env, "OK=1\nnot a setting\n");
        assertThatThrownBy(() -> DotEnv.read(env)).hasMessageContaining(".env:2");
        assertThat(DotEnv.read(dir.resolve("absent"))).isEmpty();
    }
}
