package com.productflow.functions.extract;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.protocol.ApiKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads during the function's init what the first extract would otherwise load on its critical path:
 * Kafka's protocol classes (every request and response schema, about 1,300 classes, initialised with the
 * {@link ApiKeys} enum), the producer's and the consumer's configuration definitions and, for the SQLite source, the native
 * SQLite library (which sqlite-jdbc extracts to /tmp after probing the platform with a child process).
 * On a fresh JVM this only moves the work from the first invoke to init; with SnapStart the snapshot
 * taken after init keeps it, so a restored function skips it. Nothing here connects anywhere. It runs on
 * the init thread: at 1,024 MB a function has about half a vCPU, so a second thread would not be faster
 * (tried: on this loaded 2-core machine it was slower).
 */
final class ExtractPriming {
    private static final Logger LOG = LoggerFactory.getLogger(ExtractPriming.class);

    private ExtractPriming() {
    }

    /** A failure here only costs the time priming would have saved: the first run loads them instead. */
    static void prime(boolean sqlite) {
        try {
            if (sqlite) {
                org.sqlite.SQLiteJDBCLoader.initialize();
            }
            ApiKeys.PRODUCE.latestVersion();
            ProducerConfig.configNames();
            // Exactly-once reads the committed watermark with a consumer at the start of every run.
            ConsumerConfig.configNames();
        } catch (Exception | LinkageError e) {
            LOG.warn("priming the extract's classes failed; the first run loads them instead: {}", e.toString());
        }
    }
}
