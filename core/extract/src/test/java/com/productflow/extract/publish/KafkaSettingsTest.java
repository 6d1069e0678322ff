package com.productflow.extract.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.productflow.common.config.InvalidSettingException;
import com.productflow.common.config.SettingsSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    @Test
    void defaultsAreIdempotentAcksAllLz4AndNoAuth() {
        Properties p = settings(Map.of()).producerProperties();
        assertThat(p).containsEntry("enable.idempotence", "true")
                .containsEntry("acks", "all")
                .containsEntry("compression.type", "lz4")
                .containsEntry("max.block.ms", "30000")
                .doesNotContainKey("security.protocol");
        // Every key is one kafka-clients knows.
        assertThat(ProducerConfig.configNames()).containsAll(p.stringPropertyNames());
    }

    @Test
    void iamMeansSaslSslWithTheMskIamLoginModule() {
        Properties p = settings(Map.of("KAFKA_AUTH", "iam")).producerProperties();
        assertThat(p).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "AWS_MSK_IAM")
                .containsEntry("sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;")
                .containsEntry("sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
        assertThat(ProducerConfig.configNames()).containsAll(p.stringPropertyNames());
    }

    @Test
    void theIamClassesAreOnTheRuntimeClasspath() throws Exception {
        assertThat(Class.forName("software.amazon.msk.auth.iam.IAMLoginModule")).isNotNull();
        assertThat(Class.forName("software.amazon.msk.auth.iam.IAMClientCallbackHandler")).isNotNull();
    }

    @Test
    void everythingIsOverridable() {
        Properties p = settings(Map.of("KAFKA_COMPRESSION_TYPE", "zstd", "KAFKA_LINGER_MS", "50",
                "KAFKA_BATCH_SIZE", "1MiB", "KAFKA_CONNECT_TIMEOUT", "5s", "KAFKA_CLIENT_ID", "x")).producerProperties();
        assertThat(p).containsEntry("compression.type", "zstd").containsEntry("linger.ms", "50")
                .containsEntry("batch.size", "1048576").containsEntry("max.block.ms", "5000").containsEntry("client.id", "x");
    }

    @Test
    void invalidSettingsNameTheirKey() {
        assertThatThrownBy(() -> settings(Map.of("KAFKA_ACKS", "1")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("KAFKA_ACKS");
        assertThatThrownBy(() -> settings(Map.of("KAFKA_AUTH", "kerberos")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("KAFKA_AUTH").hasMessageContaining("none|iam");
        assertThatThrownBy(() -> settings(Map.of("KAFKA_COMPRESSION_TYPE", "brotli")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("KAFKA_COMPRESSION_TYPE");
        assertThatThrownBy(() -> settings(Map.of("KAFKA_TOPIC", "a/b")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("KAFKA_TOPIC");
        assertThatThrownBy(() -> settings(Map.of("KAFKA_DELIVERY_TIMEOUT", "1s")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("KAFKA_DELIVERY_TIMEOUT");
        assertThatThrownBy(() -> KafkaSettings.from(SettingsSource.of(Map.of())))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
        assertThatThrownBy(() -> ExtractSettings.from(SettingsSource.of(Map.of("DEFAULT_DAYS_BACK", "-1"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("DEFAULT_DAYS_BACK");
    }

    private static KafkaSettings settings(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put("KAFKA_BOOTSTRAP_SERVERS", "b-1.example:9098");
        return KafkaSettings.from(SettingsSource.of(all));
    }
}
