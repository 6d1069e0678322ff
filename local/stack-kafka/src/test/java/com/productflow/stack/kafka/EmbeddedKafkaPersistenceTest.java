package com.productflow.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker started again on the same log dir ({@code local --data-dir}) on new ports: the records, the
 * transactions' outcomes (read_committed still hides the aborted one) and a group's committed offsets are
 * there, and the same transactional id can go on.
 */
class EmbeddedKafkaPersistenceTest {
    @TempDir
    Path dir;

    @Test
    void recordsTransactionsAndOffsetsSurviveARestartOnNewPorts() throws Exception {
        Path logDir = dir.resolve("kafka");
        int oldBroker;
        int oldController;
        try (EmbeddedKafka first = EmbeddedKafka.startPersistent(logDir)) {
            first.createTopic("t", 1);
            try (KafkaProducer<String, String> producer = transactional(first)) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("t", "k1", "committed-1"));
                producer.send(new ProducerRecord<>("t", "k2", "committed-2"));
                producer.commitTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("t", "k3", "aborted")).get();
                producer.abortTransaction();
            }
            assertThat(consume(first, "g", 2)).containsExactly("committed-1", "committed-2"); // commits its offsets
            try (KafkaProducer<String, String> producer = transactional(first)) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("t", "k4", "third"));
                producer.commitTransaction();
            }
            oldBroker = first.port();
            oldController = first.controllerPort();
        }
        assertThat(Files.exists(logDir.resolve("meta.properties"))).isTrue();

        // The old ports stay taken, so the second broker must come up on others.
        try (ServerSocket a = new ServerSocket(oldBroker, 1, InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(oldController, 1, InetAddress.getLoopbackAddress());
             EmbeddedKafka second = EmbeddedKafka.startPersistent(logDir)) {
            assertThat(second.port()).isNotEqualTo(oldBroker);
            assertThat(second.controllerPort()).isNotEqualTo(oldController);
            assertThat(consume(second, "g", 1)).containsExactly("third");
            try (KafkaProducer<String, String> producer = transactional(second)) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("t", "k5", "fourth"));
                producer.commitTransaction();
            }
            assertThat(consume(second, "fresh", 4)).containsExactly("committed-1", "committed-2", "third", "fourth");
        }
    }

    private static KafkaProducer<String, String> transactional(EmbeddedKafka kafka) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("transactional.id", "restart-test");
        p.put("transaction.timeout.ms", "10000");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Reads {@code expected} records read_committed as group {@code group} and commits its offsets. */
    private static List<String> consume(EmbeddedKafka kafka, String group, int expected) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("group.id", group);
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("t"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
            // One more short poll: nothing beyond what is expected (the aborted record stays hidden).
            consumer.poll(Duration.ofMillis(300)).forEach(r -> values.add(r.value()));
            consumer.commitSync();
        }
        return values;
    }
}
