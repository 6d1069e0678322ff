package com.productflow.extract.publish;

import com.productflow.common.config.SettingsSource;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * Producer settings, each read and checked up front (an invalid one fails at start naming its key).
 * Defaults favour "none lost, none duplicated": idempotence on, {@code acks=all}; and throughput:
 * lz4, 256 KiB batches, 10 ms linger. {@code connectTimeout} bounds how long a run waits for an
 * unreachable broker before it fails (it becomes {@code max.block.ms}).
 */
public record KafkaSettings(
        String bootstrapServers,
        String topic,
        KafkaAuth auth,
        String clientId,
        String acks,
        boolean idempotence,
        String compression,
        int lingerMs,
        int batchSize,
        long bufferMemory,
        int maxInFlight,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration deliveryTimeout) {

    public static final String BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String TOPIC = "KAFKA_TOPIC";
    public static final String AUTH = "KAFKA_AUTH";
    public static final String CLIENT_ID = "KAFKA_CLIENT_ID";
    public static final String ACKS = "KAFKA_ACKS";
    public static final String IDEMPOTENCE = "KAFKA_ENABLE_IDEMPOTENCE";
    public static final String COMPRESSION = "KAFKA_COMPRESSION_TYPE";
    public static final String LINGER_MS = "KAFKA_LINGER_MS";
    public static final String BATCH_SIZE = "KAFKA_BATCH_SIZE";
    public static final String BUFFER_MEMORY = "KAFKA_BUFFER_MEMORY";
    public static final String MAX_IN_FLIGHT = "KAFKA_MAX_IN_FLIGHT";
    public static final String CONNECT_TIMEOUT = "KAFKA_CONNECT_TIMEOUT";
    public static final String REQUEST_TIMEOUT = "KAFKA_REQUEST_TIMEOUT";
    public static final String DELIVERY_TIMEOUT = "KAFKA_DELIVERY_TIMEOUT";

    private static final Set<String> COMPRESSIONS = Set.of("none", "gzip", "snappy", "lz4", "zstd");

    public static KafkaSettings from(SettingsSource s) {
        String acks = s.string(ACKS, "all").toLowerCase(Locale.ROOT);
        if (!Set.of("all", "-1", "0", "1").contains(acks)) {
            throw s.invalid(ACKS, "must be all, 1 or 0, got '" + acks + "'");
        }
        boolean idempotence = s.bool(IDEMPOTENCE, true);
        if (idempotence && !(acks.equals("all") || acks.equals("-1"))) {
            throw s.invalid(ACKS, "must be all while " + IDEMPOTENCE + " is true (idempotence needs every replica's acknowledgement)");
        }
        String compression = s.string(COMPRESSION, "lz4").toLowerCase(Locale.ROOT);
        if (!COMPRESSIONS.contains(compression)) {
            throw s.invalid(COMPRESSION, "must be one of none, gzip, snappy, lz4, zstd, got '" + compression + "'");
        }
        int maxInFlight = s.integer(MAX_IN_FLIGHT, 5, 1, idempotence ? 5 : 100);
        int lingerMs = s.integer(LINGER_MS, 10, 0, 60_000);
        Duration connect = positive(s, CONNECT_TIMEOUT, Duration.ofSeconds(30));
        Duration request = positive(s, REQUEST_TIMEOUT, Duration.ofSeconds(30));
        Duration delivery = positive(s, DELIVERY_TIMEOUT, Duration.ofMinutes(2));
        if (delivery.toMillis() < request.toMillis() + lingerMs) {
            throw s.invalid(DELIVERY_TIMEOUT, "must be at least " + REQUEST_TIMEOUT + " + " + LINGER_MS
                    + " (" + (request.toMillis() + lingerMs) + " ms), got " + delivery.toMillis() + " ms");
        }
        String bootstrap = s.require(BOOTSTRAP_SERVERS);
        String topic = s.string(TOPIC, "product-updates");
        if (!topic.matches("[A-Za-z0-9._-]{1,249}")) {
            throw s.invalid(TOPIC, "must be 1-249 characters of letters, digits, '.', '_' or '-', got '" + topic + "'");
        }
        return new KafkaSettings(
                bootstrap,
                topic,
                s.choice(AUTH, KafkaAuth.class, KafkaAuth.NONE),
                s.string(CLIENT_ID, "productflow-extract"),
                acks,
                idempotence,
                compression,
                lingerMs,
                (int) s.bytes(BATCH_SIZE, 256 << 10, 1, 16 << 20),
                s.bytes(BUFFER_MEMORY, 64L << 20, 1 << 20, 2L << 30),
                maxInFlight,
                connect,
                request,
                delivery);
    }

    public KafkaSettings withTopic(String newTopic) {
        return new KafkaSettings(bootstrapServers, newTopic, auth, clientId, acks, idempotence, compression, lingerMs,
                batchSize, bufferMemory, maxInFlight, connectTimeout, requestTimeout, deliveryTimeout);
    }

    /** The kafka-clients producer configuration these settings stand for. */
    public Properties producerProperties() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("client.id", clientId);
        p.put("acks", acks);
        p.put("enable.idempotence", Boolean.toString(idempotence));
        p.put("compression.type", compression);
        p.put("linger.ms", Integer.toString(lingerMs));
        p.put("batch.size", Integer.toString(batchSize));
        p.put("buffer.memory", Long.toString(bufferMemory));
        p.put("max.in.flight.requests.per.connection", Integer.toString(maxInFlight));
        p.put("max.block.ms", Long.toString(connectTimeout.toMillis()));
        p.put("request.timeout.ms", Long.toString(requestTimeout.toMillis()));
        p.put("delivery.timeout.ms", Long.toString(deliveryTimeout.toMillis()));
        p.put("retries", Integer.toString(Integer.MAX_VALUE));
        if (auth == KafkaAuth.IAM) {
            // Amazon MSK with IAM access control: TLS, and SASL signed with the Lambda's AWS credentials.
            p.put("security.protocol", "SASL_SSL");
            p.put("sasl.mechanism", "AWS_MSK_IAM");
            p.put("sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;");
            p.put("sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
        }
        return p;
    }

    private static Duration positive(SettingsSource s, String key, Duration defaultValue) {
        Duration d = s.duration(key, defaultValue);
        if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
            throw s.invalid(key, "must be a positive duration below 24 days, got " + d);
        }
        return d;
    }
}
