package com.productflow.extract.publish;

import static com.productflow.common.config.SettingsRegistry.KAFKA_ACKS;
import static com.productflow.common.config.SettingsRegistry.KAFKA_AUTH;
import static com.productflow.common.config.SettingsRegistry.KAFKA_BATCH_SIZE;
import static com.productflow.common.config.SettingsRegistry.KAFKA_BOOTSTRAP_SERVERS;
import static com.productflow.common.config.SettingsRegistry.KAFKA_BUFFER_MEMORY;
import static com.productflow.common.config.SettingsRegistry.KAFKA_CLIENT_ID;
import static com.productflow.common.config.SettingsRegistry.KAFKA_COMPRESSION_TYPE;
import static com.productflow.common.config.SettingsRegistry.KAFKA_CONNECT_TIMEOUT;
import static com.productflow.common.config.SettingsRegistry.KAFKA_DELIVERY;
import static com.productflow.common.config.SettingsRegistry.KAFKA_DELIVERY_TIMEOUT;
import static com.productflow.common.config.SettingsRegistry.KAFKA_ENABLE_IDEMPOTENCE;
import static com.productflow.common.config.SettingsRegistry.KAFKA_LINGER_MS;
import static com.productflow.common.config.SettingsRegistry.KAFKA_MAX_IN_FLIGHT;
import static com.productflow.common.config.SettingsRegistry.KAFKA_REQUEST_TIMEOUT;
import static com.productflow.common.config.SettingsRegistry.KAFKA_TOPIC;
import static com.productflow.common.config.SettingsRegistry.KAFKA_TRANSACTIONAL_ID;
import static com.productflow.common.config.SettingsRegistry.KAFKA_TRANSACTION_TIMEOUT;
import static com.productflow.common.config.SettingsRegistry.KAFKA_WATERMARK_TOPIC;

import com.productflow.common.config.Setting;
import com.productflow.common.config.SettingsSource;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Producer settings, each read and checked up front (an invalid one fails at start naming its key):
 * the {@code KAFKA_*} keys of {@code SettingsRegistry} (types, defaults, docs), then the producer
 * configuration they make is validated by Kafka's own {@link ProducerConfig} (acks, compression,
 * idempotence needing acks=all, at most 5 requests in flight with idempotence), whose errors are
 * reported under our key names. Defaults favour "none lost, none duplicated": idempotence on,
 * {@code acks=all}; and throughput: lz4, 256 KiB batches, 10 ms linger. {@code connectTimeout} bounds
 * how long a run waits for an unreachable broker before it fails (it becomes {@code max.block.ms}).
 *
 * <p>{@code delivery} ({@code KAFKA_DELIVERY}) chooses transactions (exactly-once, the default) or plain
 * acknowledged sends (at-least-once); {@link #transactionalId()} and {@link #watermarkTopic()} are derived
 * from the topic unless set ({@code explicitTransactionalId}, {@code explicitWatermarkTopic}).
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
        Duration deliveryTimeout,
        KafkaDelivery delivery,
        Optional<String> explicitTransactionalId,
        Optional<String> explicitWatermarkTopic,
        Duration transactionTimeout) {

    public static final String BOOTSTRAP_SERVERS = KAFKA_BOOTSTRAP_SERVERS.key();
    public static final String TOPIC = KAFKA_TOPIC.key();
    public static final String AUTH = KAFKA_AUTH.key();
    public static final String CLIENT_ID = KAFKA_CLIENT_ID.key();
    public static final String ACKS = KAFKA_ACKS.key();
    public static final String IDEMPOTENCE = KAFKA_ENABLE_IDEMPOTENCE.key();
    public static final String COMPRESSION = KAFKA_COMPRESSION_TYPE.key();
    public static final String LINGER_MS = KAFKA_LINGER_MS.key();
    public static final String BATCH_SIZE = KAFKA_BATCH_SIZE.key();
    public static final String BUFFER_MEMORY = KAFKA_BUFFER_MEMORY.key();
    public static final String MAX_IN_FLIGHT = KAFKA_MAX_IN_FLIGHT.key();
    public static final String CONNECT_TIMEOUT = KAFKA_CONNECT_TIMEOUT.key();
    public static final String REQUEST_TIMEOUT = KAFKA_REQUEST_TIMEOUT.key();
    public static final String DELIVERY_TIMEOUT = KAFKA_DELIVERY_TIMEOUT.key();
    public static final String DELIVERY = KAFKA_DELIVERY.key();
    public static final String TRANSACTIONAL_ID = KAFKA_TRANSACTIONAL_ID.key();
    public static final String WATERMARK_TOPIC = KAFKA_WATERMARK_TOPIC.key();
    public static final String TRANSACTION_TIMEOUT = KAFKA_TRANSACTION_TIMEOUT.key();

    /** Which of our keys each producer property comes from: Kafka's errors name the property, ours the key. */
    private static final Map<String, Setting<?>> SOURCE_OF_PROPERTY = Map.ofEntries(
            Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA_BOOTSTRAP_SERVERS),
            Map.entry(ProducerConfig.CLIENT_ID_CONFIG, KAFKA_CLIENT_ID),
            Map.entry(ProducerConfig.ACKS_CONFIG, KAFKA_ACKS),
            Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, KAFKA_ENABLE_IDEMPOTENCE),
            Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, KAFKA_COMPRESSION_TYPE),
            Map.entry(ProducerConfig.LINGER_MS_CONFIG, KAFKA_LINGER_MS),
            Map.entry(ProducerConfig.BATCH_SIZE_CONFIG, KAFKA_BATCH_SIZE),
            Map.entry(ProducerConfig.BUFFER_MEMORY_CONFIG, KAFKA_BUFFER_MEMORY),
            Map.entry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, KAFKA_MAX_IN_FLIGHT),
            Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, KAFKA_CONNECT_TIMEOUT),
            Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, KAFKA_REQUEST_TIMEOUT),
            Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, KAFKA_DELIVERY_TIMEOUT),
            Map.entry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, KAFKA_TRANSACTIONAL_ID),
            Map.entry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, KAFKA_TRANSACTION_TIMEOUT),
            Map.entry("security.protocol", KAFKA_AUTH),
            Map.entry("sasl.mechanism", KAFKA_AUTH),
            Map.entry("sasl.jaas.config", KAFKA_AUTH),
            Map.entry("sasl.client.callback.handler.class", KAFKA_AUTH));

    public static KafkaSettings from(SettingsSource s) {
        int lingerMs = s.get(KAFKA_LINGER_MS);
        Duration request = s.get(KAFKA_REQUEST_TIMEOUT);
        Duration delivery = s.get(KAFKA_DELIVERY_TIMEOUT);
        // ProducerConfig leaves this one to KafkaProducer's constructor; checked here so it fails at start.
        if (delivery.toMillis() < request.toMillis() + lingerMs) {
            throw s.invalid(KAFKA_DELIVERY_TIMEOUT, "must be at least " + REQUEST_TIMEOUT + " + " + LINGER_MS
                    + " (" + (request.toMillis() + lingerMs) + " ms), got " + delivery.toMillis() + " ms");
        }
        KafkaDelivery mode = s.choice(KAFKA_DELIVERY, KafkaDelivery.class);
        KafkaSettings settings = new KafkaSettings(
                s.get(KAFKA_BOOTSTRAP_SERVERS),
                s.get(KAFKA_TOPIC),
                s.choice(KAFKA_AUTH, KafkaAuth.class),
                s.get(KAFKA_CLIENT_ID),
                s.get(KAFKA_ACKS),
                s.get(KAFKA_ENABLE_IDEMPOTENCE),
                s.get(KAFKA_COMPRESSION_TYPE),
                lingerMs,
                s.get(KAFKA_BATCH_SIZE).intValue(),
                s.get(KAFKA_BUFFER_MEMORY),
                s.get(KAFKA_MAX_IN_FLIGHT),
                s.get(KAFKA_CONNECT_TIMEOUT),
                request,
                delivery,
                mode,
                s.optional(KAFKA_TRANSACTIONAL_ID),
                s.optional(KAFKA_WATERMARK_TOPIC),
                s.get(KAFKA_TRANSACTION_TIMEOUT));
        settings.validateWithKafka(s);
        // Kafka's own message ("Cannot set a transactional.id without also enabling idempotence") would name the id.
        if (settings.exactlyOnce() && !settings.idempotence()) {
            throw s.invalid(KAFKA_ENABLE_IDEMPOTENCE, "must be true with " + DELIVERY + "=exactly-once (transactions need the"
                    + " idempotent producer); set " + DELIVERY + "=at-least-once to turn both off");
        }
        return settings;
    }

    /** Kafka's own validation of the producer configuration, its error reported under the key it comes from. */
    private void validateWithKafka(SettingsSource s) {
        Properties p = producerProperties();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try {
            new ProducerConfig(p);
        } catch (ConfigException e) {
            throw ourError(s, e.getMessage());
        }
    }

    /**
     * Kafka's message with each producer property it names replaced by our key, under the first key
     * named (e.g. "Must set acks to all in order to use the idempotent producer" is KAFKA_ACKS's).
     */
    static RuntimeException ourError(SettingsSource s, String kafkaMessage) {
        String message = kafkaMessage;
        Setting<?> first = null;
        int firstAt = Integer.MAX_VALUE;
        for (Map.Entry<String, Setting<?>> e : SOURCE_OF_PROPERTY.entrySet()) {
            // The whole property name only: "acks" not inside another word or dotted name.
            Pattern name = Pattern.compile("(?<![\\w.])" + Pattern.quote(e.getKey()) + "(?![\\w.])");
            Matcher m = name.matcher(kafkaMessage);
            if (m.find() && m.start() < firstAt) {
                firstAt = m.start();
                first = e.getValue();
            }
            message = name.matcher(message).replaceAll(e.getValue().key());
        }
        if (first == null) {
            return new IllegalStateException("Kafka rejected the producer configuration made from the KAFKA_* settings: " + kafkaMessage);
        }
        return s.invalid(first, "is not accepted by Kafka's producer: " + message);
    }

    /** The same settings for another topic (the derived transactional id and watermark topic follow it). */
    public KafkaSettings withTopic(String newTopic) {
        return new KafkaSettings(bootstrapServers, newTopic, auth, clientId, acks, idempotence, compression, lingerMs,
                batchSize, bufferMemory, maxInFlight, connectTimeout, requestTimeout, deliveryTimeout,
                delivery, explicitTransactionalId, explicitWatermarkTopic, transactionTimeout);
    }

    /** The same settings with another delivery mode. */
    public KafkaSettings withDelivery(KafkaDelivery newDelivery) {
        return new KafkaSettings(bootstrapServers, topic, auth, clientId, acks, idempotence, compression, lingerMs,
                batchSize, bufferMemory, maxInFlight, connectTimeout, requestTimeout, deliveryTimeout,
                newDelivery, explicitTransactionalId, explicitWatermarkTopic, transactionTimeout);
    }

    public boolean exactlyOnce() {
        return delivery == KafkaDelivery.EXACTLY_ONCE;
    }

    /**
     * {@code KAFKA_TRANSACTIONAL_ID}, else {@code productflow-extract-<topic>}: one id per extract (its topic), the same
     * for every run, so that a new run's {@code initTransactions} fences the previous producer with that id.
     */
    public String transactionalId() {
        return explicitTransactionalId.orElse("productflow-extract-" + topic);
    }

    /** {@code KAFKA_WATERMARK_TOPIC}, else {@code <topic>-watermarks}. */
    public String watermarkTopic() {
        return explicitWatermarkTopic.orElse(topic + "-watermarks");
    }

    /** Where and how to connect (bootstrap, client id, authentication): what producer, consumer and admin share. */
    public Properties connectionProperties() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("client.id", clientId);
        // No client telemetry push (KIP-714): MSK does not collect it, and without it the function jar
        // can leave out the shaded OpenTelemetry and protobuf classes that only the push uses (a consumer
        // or admin client with the push on fails to construct there).
        p.put("enable.metrics.push", "false");
        if (auth == KafkaAuth.IAM) {
            // Amazon MSK with IAM access control: TLS, and SASL signed with the Lambda's AWS credentials.
            p.put("security.protocol", "SASL_SSL");
            p.put("sasl.mechanism", "AWS_MSK_IAM");
            p.put("sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;");
            p.put("sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
        }
        return p;
    }

    /** The producer properties exactly-once adds (none for at-least-once). */
    public Properties transactionalProperties() {
        Properties p = new Properties();
        if (exactlyOnce()) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId());
            p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(transactionTimeout.toMillis()));
        }
        return p;
    }

    /** The kafka-clients producer configuration these settings stand for, without the transactional id. */
    public Properties producerProperties() {
        Properties p = connectionProperties();
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
        return p;
    }
}
