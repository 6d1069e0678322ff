package com.productflow.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {

    @Test
    void recordsSurviveARestartOnTheSamePortAndLogDir() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
            produce(kafka, "before");
            int port = kafka.port();

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            kafka.restart();
            assertThat(kafka.port()).isEqualTo(port);

            produce(kafka, "after");
            assertThat(consumeAll(kafka, 2)).containsExactly("before", "after");
        }
    }

    private static void produce(EmbeddedKafka kafka, String value) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("acks", "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("t", "k", value)).get();
        }
    }

    private static List<String> consumeAll(EmbeddedKafka kafka, int expected) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("group.id", "g");
        p.put("auto.offset.reset", "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("t"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
