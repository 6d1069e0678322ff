package com.productflow.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.productflow.common.config.InvalidSettingException;
import com.productflow.common.config.SettingType;
import com.productflow.common.config.SettingsRegistry;
import com.productflow.common.config.SettingsSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3SettingsTest {
    private static S3Settings of(Map<String, String> values) {
        return S3Settings.from(SettingsSource.of(values));
    }

    @Test
    void awsDefaultsWithoutEndpoint() {
        S3Settings s = of(Map.of());
        assertThat(s.endpoint()).isEmpty();
        assertThat(s.pathStyle()).isFalse();
        assertThat(s.expectContinue()).isTrue();
        assertThat(s.chunkedEncoding()).isTrue();
        assertThat(s.compatible()).isFalse();
        assertThat(s.credentials()).isEmpty();
        assertThat(s.transfer().partSize()).isEqualTo(8 << 20);
        assertThat(s.transfer().parallelism()).isBetween(4, 8);
        assertThat(s.transfer().partChecksum()).isEqualTo(PartChecksum.CRC32C);
    }

    @Test
    void partChecksumIsChosenByName() {
        assertThat(of(Map.of("S3_PART_CHECKSUM", "sha256")).transfer().partChecksum()).isEqualTo(PartChecksum.SHA256);
        assertThat(of(Map.of("S3_PART_CHECKSUM", "CRC32")).transfer().partChecksum()).isEqualTo(PartChecksum.CRC32);
        assertThatThrownBy(() -> of(Map.of("S3_PART_CHECKSUM", "md5"))).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("S3_PART_CHECKSUM").hasMessageContaining("crc32c");
    }

    @Test
    void everyPartChecksumOfTheRegistryIsAPartChecksum() {
        SettingType.Choice choice = (SettingType.Choice) SettingsRegistry.S3_PART_CHECKSUM.type();
        assertThat(choice.values()).map(v -> of(Map.of("S3_PART_CHECKSUM", v)).transfer().partChecksum())
                .containsExactly(PartChecksum.values());
    }

    @Test
    void anEndpointTurnsEveryCompatibilitySwitchOn() {
        S3Settings s = of(Map.of("S3_ENDPOINT", "http://127.0.0.1:9000"));
        assertThat(s.compatible()).isTrue();
        assertThat(s.pathStyle()).isTrue();
        assertThat(s.expectContinue()).isFalse();
        assertThat(s.chunkedEncoding()).isFalse();
    }

    @Test
    void theSdksEndpointVariableWinsOverItsAlias() {
        assertThat(of(Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:1", "S3_ENDPOINT", "http://127.0.0.1:2")).endpoint())
                .contains(java.net.URI.create("http://127.0.0.1:1"));
        S3Settings alias = of(Map.of("S3_ENDPOINT", "http://127.0.0.1:2"));
        assertThat(alias.endpoint()).contains(java.net.URI.create("http://127.0.0.1:2"));
        assertThat(alias.compatible()).isTrue();
        assertThat(of(Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:1")).compatible()).isTrue();
        assertThatThrownBy(() -> of(Map.of("AWS_ENDPOINT_URL_S3", "ftp://x"))).hasMessageContaining("AWS_ENDPOINT_URL_S3");
    }

    @Test
    void compatCanBeSwitchedOffOrOnAndSingleSwitchesOverridden() {
        S3Settings off = of(Map.of("S3_ENDPOINT", "https://s3.example.test", "S3_COMPAT", "false"));
        assertThat(off.pathStyle()).isFalse();
        assertThat(off.chunkedEncoding()).isTrue();
        S3Settings mixed = of(Map.of("S3_COMPAT", "true", "S3_CHUNKED_ENCODING", "true"));
        assertThat(mixed.pathStyle()).isTrue();
        assertThat(mixed.chunkedEncoding()).isTrue();
        assertThat(mixed.compatible()).isFalse();
    }

    @Test
    void readsSizesAndCounts() {
        S3Settings s = of(Map.of("S3_PART_SIZE", "16MiB", "S3_PARALLELISM", "3", "S3_PART_ATTEMPTS", "5"));
        assertThat(s.transfer().partSize()).isEqualTo(16 << 20);
        assertThat(s.transfer().parallelism()).isEqualTo(3);
        assertThat(s.transfer().partAttempts()).isEqualTo(5);
        assertThat(s.transfer().maxBufferBytes()).isEqualTo(48L << 20);
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertThatThrownBy(() -> of(Map.of("S3_PART_SIZE", "1MiB"))).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("S3_PART_SIZE");
        assertThatThrownBy(() -> of(Map.of("S3_PARALLELISM", "0"))).hasMessageContaining("S3_PARALLELISM");
        assertThatThrownBy(() -> of(Map.of("S3_ENDPOINT", "ftp://x"))).hasMessageContaining("S3_ENDPOINT");
        assertThatThrownBy(() -> of(Map.of("S3_ENDPOINT", "not a url"))).hasMessageContaining("S3_ENDPOINT");
        assertThatThrownBy(() -> of(Map.of("S3_COMPAT", "maybe"))).hasMessageContaining("S3_COMPAT");
        assertThatThrownBy(() -> of(Map.of("S3_ACCESS_KEY_ID", "a"))).hasMessageContaining("S3_SECRET_ACCESS_KEY");
    }

    @Test
    void secretIsNeverPrinted() {
        S3Settings s = of(Map.of("S3_ACCESS_KEY_ID", "id", "S3_SECRET_ACCESS_KEY", "very-secret"));
        assertThat(s.toString()).doesNotContain("very-secret").contains("id");
    }
}
