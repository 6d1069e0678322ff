package com.productflow.extract.publish;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends product messages and counts the broker's acknowledgements. After the first failure it stops
 * sending (the run has failed anyway; more sends would only wait out their own timeouts) and the
 * caller counts the rest as failed. {@link #flush()} waits until every sent record was acknowledged
 * or given up on, so {@code acknowledged() + failures() == sent} afterwards.
 *
 * <p>Exactly-once ({@link KafkaSettings#exactlyOnce()}): the producer is transactional; {@link #awaitBroker()}
 * also initialises the transactions (which fences an older producer with the same transactional id and aborts
 * what it left open), and the run brackets its pages with {@link #begin()}, {@link #commit()} or {@link #abort()}.
 * At-least-once: those three do nothing.
 */
final class Publisher implements AutoCloseable {
    static final String RUN_ID_HEADER = "productflow-run-id";
    static final String SCHEMA_HEADER = "productflow-schema-version";

    private final Producer<byte[], byte[]> producer;
    private final boolean transactional;
    private final String topic;
    private final List<Header> headers;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    /** Whether a transaction was begun and neither committed nor aborted yet (the run's thread only). */
    private boolean open;
    /** Written by the sending thread only; read by the run after it drained that thread. */
    private volatile long sent;

    Publisher(KafkaSettings settings, String runId) {
        Properties properties = settings.producerProperties();
        properties.putAll(settings.transactionalProperties());
        this.producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
        this.transactional = settings.exactlyOnce();
        this.topic = settings.topic();
        this.headers = List.of(
                new RecordHeader(RUN_ID_HEADER, runId.getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(SCHEMA_HEADER, ProductJson.SCHEMA_VERSION.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Waits (at most the connect timeout, as max.block.ms) for the topic's metadata and, exactly-once, for the
     * transactions to be initialised; null when ready, else the error.
     */
    Exception awaitBroker() {
        try {
            producer.partitionsFor(topic);
            if (transactional) {
                producer.initTransactions();
            }
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

    /** Exactly-once: starts the transaction the next records belong to. */
    void begin() {
        if (transactional) {
            producer.beginTransaction();
            open = true;
        }
    }

    /**
     * Exactly-once: commits the open transaction; true when committed. A failure is recorded (the run has failed)
     * and returned as false, except fencing, which is thrown ({@code ProducerFencedException}: another run took over).
     */
    boolean commit() {
        if (!transactional) {
            return true;
        }
        try {
            producer.commitTransaction();
            open = false;
            return true;
        } catch (KafkaException e) {
            firstFailure.compareAndSet(null, e);
            if (fenced(e)) {
                throw e;
            }
            return false;
        }
    }

    /**
     * Exactly-once: aborts the open transaction, if there is one and the producer still can; else the broker
     * does (the next run's initialisation, or the transaction timeout). Best effort: the run has failed anyway.
     */
    void abort() {
        if (transactional && open) {
            open = false;
            try {
                producer.abortTransaction();
            } catch (RuntimeException e) {
                firstFailure.compareAndSet(null, e);
            }
        }
    }

    /** Sends a record that is not a product (the watermark): not counted, but its failure fails the run. */
    void sendUncounted(ProducerRecord<byte[], byte[]> record) {
        try {
            producer.send(record, (metadata, e) -> {
                if (e != null) {
                    firstFailure.compareAndSet(null, e);
                }
            });
        } catch (KafkaException e) {
            firstFailure.compareAndSet(null, e);
        }
    }

    /** Whether a failure means another producer with the same transactional id took over. */
    static boolean fenced(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
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
