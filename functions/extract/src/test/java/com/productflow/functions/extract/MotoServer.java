package com.productflow.functions.extract;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * moto's server ({@code python3 -m moto.server}), an independent implementation of the AWS APIs, on a free
 * 127.0.0.1 port, stopped by its PID on {@link #close()}. {@link #unavailable()} says why it cannot run
 * (no python3, or no moto module), so a test can skip saying so.
 */
final class MotoServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Empty when moto's server can run here, else the reason it cannot. */
    static Optional<String> unavailable() {
        try {
            Process probe = new ProcessBuilder("python3", "-c", "import moto.server").redirectErrorStream(true).start();
            String output = new String(probe.getInputStream().readAllBytes());
            if (!probe.waitFor(60, TimeUnit.SECONDS) || probe.exitValue() != 0) {
                probe.destroyForcibly();
                return Optional.of("python3 cannot import moto.server (pip install 'moto[server]'): " + output.strip());
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("no python3 on PATH: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while probing for moto");
        }
    }

    static MotoServer start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("productflow-moto-", ".log");
        Process process = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        MotoServer moto = new MotoServer(process, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return moto;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    String output = Files.readString(log);
                    moto.close();
                    throw new IllegalStateException("moto's server did not start on port " + port + ": " + output);
                }
                Thread.sleep(100);
            }
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // Best effort.
        }
    }
}
