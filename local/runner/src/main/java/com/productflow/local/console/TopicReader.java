package com.productflow.local.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The latest messages of a topic (no consumer group: it reads, commits nothing and moves no one's offsets). */
final class TopicReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String bootstrap;
    private final String topic;

    TopicReader(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    /** Up to {@code limit} newest messages over all partitions, newest first, and the topic's message count. */
    ObjectNode latest(int limit) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "productflow-console");
        // What the extract's consumers see: an exactly-once extract's aborted records are not shown.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        ObjectNode out = JSON.createObjectNode().put("topic", topic);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(5));
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, Duration.ofSeconds(5));
            long total = 0;
            long wanted = 0;
            for (TopicPartition tp : partitions) {
                long end = ends.get(tp);
                total += end - starts.get(tp);
                long from = Math.max(starts.get(tp), end - limit);
                wanted += end - from;
                consumer.seek(tp, from);
            }
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (read.size() < wanted && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
            read.sort(Comparator.comparingLong((ConsumerRecord<String, String> r) -> r.timestamp()).reversed());
            ArrayNode messages = out.putArray("messages");
            for (ConsumerRecord<String, String> r : read.subList(0, Math.min(limit, read.size()))) {
                messages.addObject().put("key", r.key()).put("partition", r.partition()).put("offset", r.offset())
                        .put("timestamp", Instant.ofEpochMilli(r.timestamp()).toString()).put("value", r.value());
            }
            out.put("count", total).put("partitions", partitions.size());
        }
        return out;
    }
}
