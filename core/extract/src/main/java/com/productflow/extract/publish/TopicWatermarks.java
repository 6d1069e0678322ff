package com.productflow.extract.publish;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.productflow.common.ProductflowException;
import com.productflow.common.watermark.Watermark;
import com.productflow.extract.IsoTime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The exactly-once watermark, as Kafka Connect keeps a source connector's offsets (KIP-618): one record per stream,
 * keyed by the stream, in a compacted topic ({@link KafkaSettings#watermarkTopic()}), sent inside the transaction
 * of the page it covers, so the page's products and the watermark become visible together or not at all. A run
 * reads it {@code read_committed} after initialising its transactions (which aborted whatever a crashed run left
 * open), so what it reads is exactly what was published. The value is JSON, for operators:
 * {@code {"lastUpdated":"2024-05-20T10:00:00.000000Z","ean":"...","runId":"..."}}; a tombstone (null value)
 * means "no watermark" (a reset).
 */
final class TopicWatermarks {
    private static final JsonFactory JSON = new JsonFactory();

    private TopicWatermarks() {}

    /** The record that moves {@code stream}'s watermark to {@code mark}. */
    static ProducerRecord<byte[], byte[]> record(String topic, String stream, Watermark mark, String runId) {
        return new ProducerRecord<>(topic, stream.getBytes(StandardCharsets.UTF_8), encode(mark, runId));
    }

    static byte[] encode(Watermark mark, String runId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("lastUpdated", IsoTime.canonical(mark.lastUpdated()));
            json.writeStringField("ean", mark.ean());
            json.writeStringField("runId", runId);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The watermark a record's value holds; empty for a tombstone. */
    static Optional<Watermark> decode(String topic, long offset, byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        String lastUpdated = null;
        String ean = null;
        try (JsonParser json = JSON.createParser(value)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                if ("lastUpdated".equals(field)) {
                    lastUpdated = json.getValueAsString();
                } else if ("ean".equals(field)) {
                    ean = json.getValueAsString();
                } else {
                    json.skipChildren();
                }
            }
            if (lastUpdated == null || ean == null) {
                throw new IOException("lastUpdated or ean missing");
            }
            return Optional.of(new Watermark(IsoTime.parseInstant(lastUpdated), ean));
        } catch (IOException | RuntimeException e) {
            throw new ProductflowException("the watermark record at offset " + offset + " of topic " + topic
                    + " cannot be read (" + e.getMessage() + "): " + new String(value, StandardCharsets.UTF_8), e);
        }
    }

    /**
     * The last committed watermark of {@code stream}, read to the end of the topic with {@code read_committed};
     * creates the topic (one partition, compacted) when it does not exist yet.
     */
    static Optional<Watermark> read(KafkaSettings settings, String stream) {
        String topic = settings.watermarkTopic();
        byte[] key = stream.getBytes(StandardCharsets.UTF_8);
        Duration timeout = settings.connectTimeout();
        Properties p = settings.connectionProperties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A topic made by auto-creation would not be compacted: this one is created below, on purpose.
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        // Reading up to a known end: a fetch that waits for more data (500 ms by default) only delays the run.
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            if (partitions.isEmpty()) {
                create(settings, topic);
                // Read it even so: another run may have created (and written) it a moment before.
                while ((partitions = partitions(consumer, topic)).isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        throw new ProductflowException("the watermark topic " + topic + " was created but shows no partition within "
                                + timeout.toSeconds() + " s");
                    }
                    sleep(100);
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // With read_committed the end offsets are the last stable offsets: nothing undecided is read.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Optional<Watermark> last = Optional.empty();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new ProductflowException("could not read the watermark topic " + topic + " to its end within "
                            + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (Arrays.equals(r.key(), key)) {
                        last = decode(topic, r.offset(), r.value());
                    }
                }
            }
            return last;
        } catch (KafkaException e) {
            throw new ProductflowException("reading the watermark of " + stream + " from topic " + topic + " failed: " + e, e);
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProductflowException("interrupted while waiting for the watermark topic", e);
        }
    }

    private static void create(KafkaSettings settings, String topic) {
        try (Admin admin = Admin.create(settings.connectionProperties())) {
            // Replication: the cluster's default (MSK Serverless fixes it at 3); one partition keeps the reads simple.
            NewTopic compacted = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of("cleanup.policy", "compact"));
            admin.createTopics(List.of(compacted)).all().get(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new ProductflowException("cannot create the watermark topic " + topic + ": " + e.getCause(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new ProductflowException("the broker did not create the watermark topic " + topic + " within "
                    + settings.connectTimeout().toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProductflowException("interrupted while creating the watermark topic " + topic, e);
        }
    }
}
