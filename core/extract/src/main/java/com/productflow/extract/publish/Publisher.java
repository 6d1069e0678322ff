package com.productflow.extract.publish;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends product messages and counts the broker's acknowledgements. After the first failure it stops
 * sending (the run has failed anyway; more sends would only wait out their own timeouts) and the
 * caller counts the rest as failed. {@link #flush()} waits until every sent record was acknowledged
 * or given up on, so {@code acknowledged() + failures() == sent} afterwards.
 */
final class Publisher implements AutoCloseable {
    static final String RUN_ID_HEADER = "productflow-run-id";
    static final String SCHEMA_HEADER = "productflow-schema-version";

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final List<Header> headers;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    /** Written by the sending thread only; read by the run after it drained that thread. */
    private volatile long sent;

    Publisher(KafkaSettings settings, String runId) {
        this.producer = new KafkaProducer<>(settings.producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = settings.topic();
        this.headers = List.of(
                new RecordHeader(RUN_ID_HEADER, runId.getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(SCHEMA_HEADER, ProductJson.SCHEMA_VERSION.getBytes(StandardCharsets.UTF_8)));
    }

    /** Waits (at most the connect timeout, as max.block.ms) for the topic's metadata; null when ready, else the error. */
    Exception awaitBroker() {
        try {
            producer.partitionsFor(topic);
            return null;
        } catch (KafkaException e) {
            firstFailure.compareAndSet(null, e);
            return e;
        }
    }

    boolean healthy() {
        return firstFailure.get() == null;
    }

    void send(byte[] key, byte[] value) {
        sent++;
        Callback callback = new Callback() {
            private boolean done;

            @Override
            public synchronized void onCompletion(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception e) {
                if (done) {
                    return;
                }
                done = true;
                if (e == null) {
                    acknowledged.incrementAndGet();
                } else {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, e);
                }
            }
        };
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, headers), callback);
        } catch (KafkaException e) {
            callback.onCompletion(null, e);
        }
    }

    /** Blocks until every record sent so far is acknowledged or failed. */
    void flush() {
        try {
            producer.flush();
        } catch (KafkaException e) {
            firstFailure.compareAndSet(null, e);
        }
    }

    long sent() {
        return sent;
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long failures() {
        return failures.get();
    }

    Exception firstFailure() {
        return firstFailure.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
