package com.productflow.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests: {@code initdb} in a temp folder, then {@code postgres} on a
 * free 127.0.0.1 port, stopped by its PID on {@link #close()}. Uses the machine's PostgreSQL binaries
 * (Debian's {@code postgresql} package); {@link #binaries()} is empty when there are none, and tests
 * then skip. PostgreSQL refuses to run as root, so as root it runs as the {@code postgres} user.
 * {@link #startWithPassword} makes TCP connections authenticate with a password (SCRAM), so a test can
 * change it with {@code ALTER USER} and see the old one refused.
 */
public final class LocalPostgres implements AutoCloseable {
    private final Path dir;
    private final Process server;
    private final int port;
    private final String password;

    private LocalPostgres(Path dir, Process server, int port, String password) {
        this.dir = dir;
        this.server = server;
        this.port = port;
        this.password = password;
    }

    /** The folder holding initdb and postgres, if this machine has them. */
    public static Optional<Path> binaries() {
        List<Path> candidates = new ArrayList<>();
        Path lib = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> versions = Files.list(lib)) {
                versions.sorted(Comparator.reverseOrder()).forEach(v -> candidates.add(v.resolve("bin")));
            } catch (IOException e) {
                // Fall through to PATH.
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            candidates.add(Path.of(entry));
        }
        return candidates.stream()
                .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("postgres")))
                .findFirst();
    }

    public static LocalPostgres start(Path bin) throws IOException, InterruptedException {
        return start(bin, null);
    }

    /** As {@link #start(Path)}, with user {@code productflow} needing {@code password} over TCP. */
    public static LocalPostgres startWithPassword(Path bin, String password) throws IOException, InterruptedException {
        return start(bin, password);
    }

    private static LocalPostgres start(Path bin, String password) throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("productflow-pg-");
        Path data = dir.resolve("data");
        List<String> auth = List.of("--auth=trust");
        if (password != null) {
            Path passwordFile = Files.writeString(dir.resolve("password"), password);
            auth = List.of("--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + passwordFile);
        }
        if (root) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
            if (password != null) {
                Files.setOwner(dir.resolve("password"), users.lookupPrincipalByName("postgres"));
            }
        }
        List<String> initdb = new ArrayList<>(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "productflow"));
        initdb.addAll(auth);
        initdb.addAll(List.of("-E", "UTF8", "--no-sync", "--no-instructions"));
        run(root, initdb);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off", "-c", "full_page_writes=off"));
        Process server = new ProcessBuilder(asUser(root, command))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile())
                .start();
        LocalPostgres pg = new LocalPostgres(dir, server, port, password);
        pg.awaitReady();
        return pg;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=productflow";
    }

    public int port() {
        return port;
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Connection c = DriverManager.getConnection(jdbcUrl(), "productflow", password)) {
                return;
            } catch (SQLException e) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    close();
                    throw new IllegalStateException("PostgreSQL did not start on port " + port + ": " + e.getMessage());
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void close() {
        // SIGTERM to the postmaster's own PID (runuser may sit in between): a "smart" shutdown once
        // our connections are closed.
        postmasterPid().flatMap(ProcessHandle::of).ifPresent(pg -> {
            pg.destroy();
            try {
                pg.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                pg.destroyForcibly();
            }
        });
        server.destroy();
        try {
            if (!server.waitFor(15, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort.
        }
    }

    private Optional<Long> postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("data").resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void run(boolean root, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(asUser(root, command)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static List<String> asUser(boolean root, List<String> command) {
        if (!root) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
