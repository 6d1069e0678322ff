package com.productflow.stack.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Kafka broker in this JVM: KRaft combined mode (broker and controller in one node), bound to
 * 127.0.0.1 on free ports, with its log dir in a temporary folder ({@link #start()}) or in a given folder that
 * outlives it ({@link #startPersistent(Path)}). It can be stopped and started again on the same ports and log
 * dir, which is how tests simulate a broker outage in the middle of a run.
 *
 * <p>Sized for a laptop and for tests: replication factor 1 for internal topics, a small log-cleaner
 * buffer (the default reserves 128 MB of heap), no rebalance delay.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final int NODE_ID = 1;
    private static final String CONTROLLER = "CONTROLLER";

    private final Path logDir;
    private final boolean ownsLogDir;
    private final int brokerPort;
    private final int controllerPort;
    private final Map<String, String> overrides;
    private KafkaRaftServer server;

    private EmbeddedKafka(Path logDir, boolean ownsLogDir, int brokerPort, int controllerPort, Map<String, String> overrides) {
        this.logDir = logDir;
        this.ownsLogDir = ownsLogDir;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.overrides = Map.copyOf(overrides);
    }

    /** Formats a fresh log dir in a temp folder and starts a broker on free ports. */
    public static EmbeddedKafka start() {
        return start(Map.of());
    }

    /** As {@link #start()}, with extra broker properties (e.g. {@code num.partitions}). */
    public static EmbeddedKafka start(Map<String, String> brokerOverrides) {
        return startOnFreePorts(() -> {
            try {
                return Files.createTempDirectory("productflow-kafka-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the Kafka log dir", e);
            }
        }, true, brokerOverrides);
    }

    /**
     * A broker on free ports whose log dir is {@code logDir}, kept when it stops: formatted on first use (its
     * node id and cluster id are then in {@code meta.properties}), used as it is on every later start, also
     * after a {@code kill -9} (the broker recovers its logs, transactions and group offsets from it). The ports
     * are new at every start: the quorum is static ({@code controller.quorum.voters}), so the voter's address
     * comes from the configuration, not from the log.
     */
    public static EmbeddedKafka startPersistent(Path logDir) {
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka log dir " + logDir, e);
        }
        return startOnFreePorts(() -> logDir, false, Map.of());
    }

    private static EmbeddedKafka startOnFreePorts(java.util.function.Supplier<Path> logDir, boolean owned,
                                                  Map<String, String> brokerOverrides) {
        RuntimeException last = null;
        // A probed free port can be taken before the broker binds it (servers started in parallel):
        // start again on other ports rather than fail.
        for (int attempt = 0; attempt < 3; attempt++) {
            EmbeddedKafka kafka;
            try {
                kafka = new EmbeddedKafka(logDir.get(), owned, freePort(), freePort(), brokerOverrides);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find free ports for Kafka", e);
            }
            try {
                if (!Files.exists(kafka.logDir.resolve("meta.properties"))) {
                    kafka.format();
                }
                kafka.startServer();
                return kafka;
            } catch (RuntimeException e) {
                kafka.close();
                if (!portTaken(e)) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    private static boolean portTaken(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public int port() {
        return brokerPort;
    }

    /**
     * Creates a topic (one replica) unless it exists, as production topics are created ahead of the
     * extract (MSK does not create topics on first use).
     */
    public void createTopic(String topic, int partitions) {
        createTopic(bootstrapServers(), topic, partitions);
    }

    /** As {@link #createTopic(String, int)} on the broker at {@code bootstrap}. */
    public static void createTopic(String bootstrap, String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic + " on " + bootstrap + ": " + e.getCause(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker at " + bootstrap + " did not create topic " + topic + " in 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
    }

    /** The controller's (KRaft quorum) port. */
    public int controllerPort() {
        return controllerPort;
    }

    public Path logDir() {
        return logDir;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Stops the broker (controlled shutdown), keeping its log dir and ports for {@link #restart()}. */
    public synchronized void stop() {
        if (server != null) {
            KafkaRaftServer s = server;
            server = null;
            s.shutdown();
            s.awaitShutdown();
        }
    }

    /** Starts the broker again on the same ports and log dir; its topics and records are still there. */
    public synchronized void restart() {
        if (server == null) {
            startServer();
        }
    }

    /** Stops the broker and deletes its log dir when this object created it. */
    @Override
    public synchronized void close() {
        stop();
        if (ownsLogDir) {
            deleteRecursively(logDir);
        }
    }

    private Properties config() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", CONTROLLER);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // One node: every internal topic must fit on it.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // The default 128 MiB dedupe buffer is reserved on heap at start: far too much for tests.
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 << 20));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "true");
        p.putAll(overrides);
        return p;
    }

    private void format() {
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
            new Formatter()
                    .setPrintStream(quiet)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(CONTROLLER)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the Kafka log dir " + logDir + ": " + e.getMessage(), e);
        }
    }

    private synchronized void startServer() {
        KafkaRaftServer s = new KafkaRaftServer(new KafkaConfig(config(), false), Time.SYSTEM);
        try {
            s.startup();
        } catch (RuntimeException e) {
            s.shutdown(); // release whatever started before the failure (threads, the other port)
            s.awaitShutdown();
            throw e;
        }
        server = s;
        awaitListening(Duration.ofSeconds(30));
    }

    /** startup() returns once the broker is registered; make sure the client port accepts too. */
    private void awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), brokerPort), 500);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka did not listen on 127.0.0.1:" + brokerPort + " within " + timeout, e);
                }
                sleep(50);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort: a leftover temp folder is not worth failing a test run for.
        }
    }
}
