package com.productflow.extract.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.productflow.common.config.InvalidSettingException;
import com.productflow.common.config.SettingType;
import com.productflow.common.config.SettingsRegistry;
import com.productflow.common.config.SettingsSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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

    @Test
    void kafkasOwnChecksAreReportedUnderOurKeysWithTheirOrigin() {
        assertThatThrownBy(() -> settings(Map.of("KAFKA_ACKS", "1")))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("KAFKA_ACKS"))
                .hasMessageContaining("idempotent").hasMessageNotContaining(" acks ");
        assertThatThrownBy(() -> settings(Map.of("KAFKA_MAX_IN_FLIGHT", "6")))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("KAFKA_MAX_IN_FLIGHT"))
                .hasMessageContaining("at most 5").hasMessageNotContaining("max.in.flight");
        assertThatThrownBy(() -> settings(Map.of("KAFKA_COMPRESSION_TYPE", "brotli")))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("KAFKA_COMPRESSION_TYPE"))
                .hasMessageContaining("none, gzip, snappy, lz4, zstd").hasMessageContaining("(from given)");
        assertThatThrownBy(() -> settings(Map.of("KAFKA_ACKS", "2", "KAFKA_ENABLE_IDEMPOTENCE", "false")))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("KAFKA_ACKS"));
        // Without idempotence (so at-least-once) Kafka allows acks=1 and more requests in flight.
        Properties p = settings(Map.of("KAFKA_ACKS", "1", "KAFKA_ENABLE_IDEMPOTENCE", "false", "KAFKA_MAX_IN_FLIGHT", "10",
                "KAFKA_DELIVERY", "at-least-once")).producerProperties();
        assertThat(p).containsEntry("acks", "1").containsEntry("max.in.flight.requests.per.connection", "10");
        assertThat(settings(Map.of("KAFKA_ACKS", "ALL", "KAFKA_COMPRESSION_TYPE", "ZSTD")).producerProperties())
                .containsEntry("acks", "all").containsEntry("compression.type", "zstd");
    }

    @Test
    void aKafkaMessageNamingNoPropertyOfOursIsNotBlamedOnAKey() {
        assertThat(KafkaSettings.ourError(SettingsSource.of(Map.of()), "something else went wrong"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("something else went wrong");
        assertThat(KafkaSettings.ourError(SettingsSource.of(Map.of()), "Invalid value x for configuration batch.size: Not a number"))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("KAFKA_BATCH_SIZE"))
                .hasMessageContaining("configuration KAFKA_BATCH_SIZE");
    }

    @Test
    void registryChoicesAreTheEnumsConstants() {
        assertThat(((SettingType.Choice) SettingsRegistry.KAFKA_AUTH.type()).values())
                .map(v -> KafkaAuth.valueOf(v.toUpperCase())).containsExactly(KafkaAuth.values());
        assertThat(((SettingType.Choice) SettingsRegistry.EXTRACT_MODE.type()).values())
                .map(v -> ExtractMode.valueOf(v.toUpperCase())).containsExactly(ExtractMode.values());
    }

    @Test
    void exactlyOnceIsTheDefaultWithATransactionalIdAndWatermarkTopicPerExtract() {
        KafkaSettings s = settings(Map.of("KAFKA_TOPIC", "product-updates"));
        assertThat(s.delivery()).isEqualTo(KafkaDelivery.EXACTLY_ONCE);
        assertThat(s.transactionalProperties())
                .containsEntry("transactional.id", "productflow-extract-product-updates")
                .containsEntry("transaction.timeout.ms", "120000");
        assertThat(s.watermarkTopic()).isEqualTo("product-updates-watermarks");
        // The derived names follow the topic; set ones do not.
        assertThat(s.withTopic("other").transactionalId()).isEqualTo("productflow-extract-other");
        KafkaSettings set = settings(Map.of("KAFKA_TRANSACTIONAL_ID", "tx-1", "KAFKA_WATERMARK_TOPIC", "marks",
                "KAFKA_TRANSACTION_TIMEOUT", "30s"));
        assertThat(set.withTopic("other").transactionalId()).isEqualTo("tx-1");
        assertThat(set.withTopic("other").watermarkTopic()).isEqualTo("marks");
        assertThat(set.transactionalProperties()).containsEntry("transaction.timeout.ms", "30000");
        assertThat(ProducerConfig.configNames()).containsAll(s.transactionalProperties().stringPropertyNames());
    }

    @Test
    void atLeastOnceHasNoTransactionsAndMayTurnIdempotenceOff() {
        KafkaSettings s = settings(Map.of("KAFKA_DELIVERY", "at-least-once", "KAFKA_ENABLE_IDEMPOTENCE", "false", "KAFKA_ACKS", "1"));
        assertThat(s.exactlyOnce()).isFalse();
        assertThat(s.transactionalProperties()).isEmpty();
        assertThat(s.producerProperties()).doesNotContainKey("transactional.id").containsEntry("enable.idempotence", "false");
    }

    @Test
    void exactlyOnceWithoutIdempotenceIsRefusedNamingTheKeyAndTheWayOut() {
        assertThatThrownBy(() -> settings(Map.of("KAFKA_ENABLE_IDEMPOTENCE", "false")))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("KAFKA_ENABLE_IDEMPOTENCE"))
                .hasMessageContaining("KAFKA_DELIVERY=at-least-once");
        assertThatThrownBy(() -> settings(Map.of("KAFKA_DELIVERY", "twice")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("exactly-once|at-least-once");
        assertThatThrownBy(() -> settings(Map.of("KAFKA_TRANSACTIONAL_ID", "has space")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("KAFKA_TRANSACTIONAL_ID");
        assertThatThrownBy(() -> settings(Map.of("KAFKA_TRANSACTION_TIMEOUT", "1h")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("KAFKA_TRANSACTION_TIMEOUT");
    }

    @Test
    void theConnectionPropertiesFitConsumerAndAdminAndTurnTelemetryOff() {
        // The function jar leaves out the telemetry push's classes: no client of the extract may turn it on.
        Properties p = settings(Map.of("KAFKA_AUTH", "iam")).connectionProperties();
        assertThat(p).containsEntry("enable.metrics.push", "false").containsEntry("security.protocol", "SASL_SSL");
        assertThat(ConsumerConfig.configNames()).containsAll(p.stringPropertyNames());
        assertThat(AdminClientConfig.configNames()).containsAll(p.stringPropertyNames());
        assertThat(settings(Map.of()).producerProperties()).containsEntry("enable.metrics.push", "false");
    }

    @Test
    void theDeliveryChoicesAreTheEnumsConstants() {
        assertThat(((SettingType.Choice) SettingsRegistry.KAFKA_DELIVERY.type()).values())
                .map(v -> KafkaDelivery.valueOf(v.toUpperCase().replace('-', '_'))).containsExactly(KafkaDelivery.values());
    }

    private static KafkaSettings settings(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put("KAFKA_BOOTSTRAP_SERVERS", "b-1.example:9098");
        return KafkaSettings.from(SettingsSource.of(all));
    }
}
