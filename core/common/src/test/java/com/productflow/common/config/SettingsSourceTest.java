package com.productflow.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
                .layer(".env", Map.of("KAFKA_TOPIC", "from-env-file", "DAYS", "7"))
                .layer("environment", Map.of("KAFKA_TOPIC", "from-environment"))
                .layer("flag", Map.of("DAYS", " "))
                .build();
        assertThat(settings.require("KAFKA_TOPIC")).isEqualTo("from-environment");
        assertThat(settings.integer("DAYS", 30, 0, 3650)).isEqualTo(7);
        assertThat(settings.origin("DAYS")).contains(".env");
    }

    @Test
    void invalidValuesNameTheKeyAndTheLayer() {
        SettingsSource settings = SettingsSource.builder().layer("flag", Map.of("DAYS", "ten", "MODE", "partial")).build();
        assertThatThrownBy(() -> settings.integer("DAYS", 30, 0, 3650))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("DAYS").hasMessageContaining("ten").hasMessageContaining("flag");
        assertThatThrownBy(() -> settings.choice("MODE", Mode.class, Mode.FULL))
                .hasMessageContaining("full|incremental");
        assertThatThrownBy(() -> settings.require("MISSING")).hasMessageContaining("MISSING");
    }

    @Test
    void typedValues() {
        SettingsSource settings = SettingsSource.of(Map.of(
                "PART", "8MiB", "ON", "yes", "WAIT", "1500ms", "MODE", "incremental", "BIG", "5GiB"));
        assertThat(settings.bytes("PART", 1, 1, Long.MAX_VALUE)).isEqualTo(8L << 20);
        assertThat(settings.bool("ON", false)).isTrue();
        assertThat(settings.duration("WAIT", Duration.ZERO)).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.choice("MODE", Mode.class, Mode.FULL)).isEqualTo(Mode.INCREMENTAL);
        assertThatThrownBy(() -> settings.bytes("BIG", 1, 1, 1L << 30)).hasMessageContaining("BIG");
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
