package com.productflow.local;

import com.productflow.stack.kafka.EmbeddedKafka;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The local topic: created at start (as MSK's topic is made by terraform), counted by the demo and tests. */
public final class KafkaTopics {
    private KafkaTopics() {}

    /** Creates the topic (3 partitions, one replica) unless it exists. */
    public static void create(String bootstrap, String topic) {
        EmbeddedKafka.createTopic(bootstrap, topic, 3);
    }

    /** Messages on the topic and the distinct keys they carry (as many as messages when nothing was published twice). */
    public record Count(long messages, Set<String> keys) {
        public long distinctKeys() {
            return keys.size();
        }
    }

    /** Reads the whole topic, from the beginning to the end offsets at the time of the call. */
    public static Count count(String bootstrap, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, java.time.Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, java.time.Duration.ofSeconds(30));
            long messages = 0;
            Set<String> keys = new HashSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read topic " + topic + " to its end within 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(java.time.Duration.ofMillis(200))) {
                    messages++;
                    keys.add(record.key() == null ? "" : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            return new Count(messages, Set.copyOf(keys));
        }
    }
}
