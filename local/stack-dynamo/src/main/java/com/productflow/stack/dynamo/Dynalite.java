package com.productflow.stack.dynamo;

import com.productflow.stack.node.NodeTools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A DynamoDB-API server (dynalite, pinned in the repository's {@code package.json}) run as a Node
 * process on 127.0.0.1 and a free port. In memory unless a data folder is given. Stopped by PID on
 * {@link #close()} and, as a safety net, when the JVM exits; if the JVM is killed outright, a preloaded
 * watchdog sees its stdin pipe close and ends the Node process too.
 *
 * <p>Why dynalite: no Docker here and DynamoDB Local's licence rules it out; dynalite does conditional
 * writes, GSIs and queries (no transactions and no TTL, which the state design does not rely on).
 *
 * <p>With a data folder it starts through {@code reindex-then-serve.js}: dynalite writes an item's index entries
 * and the item in separate writes, so a kill between them leaves an index entry it would return for ever; the
 * script rebuilds what differs from the items before the server starts, and says so (echoed on stderr).
 */
public final class Dynalite implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int PORT_ATTEMPTS = 3;
    private static volatile Dynalite shared;
    private static final String REPAIR_LINE = "dynamodb: ";
    private static final Map<String, Path> scripts = new HashMap<>();

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread exitHook;

    private Dynalite(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.exitHook = new Thread(this::stopProcess, "dynalite-stop-" + process.pid());
        Runtime.getRuntime().addShutdownHook(exitHook);
    }

    /** Starts an in-memory dynalite on a free port. */
    public static Dynalite start() {
        return start(Optional.empty());
    }

    /** Starts dynalite on a free port, keeping its data in {@code dataDir} when given. */
    public static Dynalite start(Optional<Path> dataDir) {
        Path root = NodeTools.projectRoot();
        Path cli = NodeTools.ensureInstalled(root, "dynalite", "cli.js");
        IllegalStateException last = null;
        // A free port can be taken between our probe and Node's bind: try a few.
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            try {
                return launch(root, cli, freePort(), dataDir);
            } catch (PortTakenException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * One dynalite for the whole JVM, started on first use and stopped at JVM exit. Test classes share
     * it and isolate themselves with unique table names, which keeps suites fast.
     */
    public static synchronized Dynalite shared() {
        if (shared == null || !shared.isRunning()) {
            shared = start();
        }
        return shared;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run; nothing to remove.
        }
        if (this == shared) {
            shared = null;
        }
    }

    private void stopProcess() {
        ProcessHandle handle = process.toHandle();
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                handle.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // A leftover log in the temp folder is harmless.
        }
    }

    private static Dynalite launch(Path root, Path cli, int port, Optional<Path> dataDir) {
        List<String> command = new ArrayList<>(List.of(NodeTools.nodeBinary(), "--require", script("exit-with-parent.js").toString(),
                script("reindex-then-serve.js").toString(), root.relativize(cli).toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--createTableMs", "0"));
        dataDir.ifPresent(dir -> {
            command.add("--path");
            command.add(dir.toAbsolutePath().toString());
        });
        Path log;
        Process process;
        try {
            log = Files.createTempFile("productflow-dynalite-", ".log");
            process = new ProcessBuilder(command)
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start dynalite (is Node.js on the PATH?): " + e.getMessage(), e);
        }
        Dynalite server = new Dynalite(process, port, log);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String output = NodeTools.tail(log);
                server.close();
                if (output.contains("EADDRINUSE")) {
                    throw new PortTakenException(port);
                }
                throw new IllegalStateException("dynalite exited with code " + process.exitValue()
                        + " before answering on port " + port + ":\n" + output);
            }
            if (answers(port)) {
                NodeTools.tail(log).lines().filter(line -> line.startsWith(REPAIR_LINE)).forEach(System.err::println);
                return server;
            }
            sleep(50);
        }
        String output = NodeTools.tail(log);
        server.close();
        throw new IllegalStateException("dynalite did not answer on 127.0.0.1:" + port + " within "
                + START_TIMEOUT.toSeconds() + " s:\n" + output);
    }

    /** A script of this package, copied once per JVM to a temp file (Node cannot require from inside a jar). */
    private static synchronized Path script(String name) {
        Path copied = scripts.get(name);
        if (copied == null || !Files.isRegularFile(copied)) {
            try (InputStream in = Dynalite.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException(name + " is missing from the classpath");
                }
                copied = Files.createTempFile("productflow-" + name.replace(".js", "-"), ".js");
                Files.write(copied, in.readAllBytes());
                copied.toFile().deleteOnExit();
                scripts.put(name, copied);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the dynalite script " + name, e);
            }
        }
        return copied;
    }

    /** Any HTTP answer means the server is up; dynalite answers GET / with 200. */
    private static boolean answers(int port) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/").toURL().openConnection();
            connection.setConnectTimeout(200);
            connection.setReadTimeout(1000);
            try {
                return connection.getResponseCode() > 0;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for dynalite", e);
        }
    }

    private static final class PortTakenException extends IllegalStateException {
        PortTakenException(int port) {
            super("port " + port + " was taken before dynalite could bind it");
        }
    }
}
