package com.productflow.testsupport;

import com.productflow.stack.s3.S3Stack;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * moto's server ({@code python3 -m moto.server}) on 127.0.0.1 and a free port: an independent
 * implementation of the AWS APIs. For S3 it has what s3proxy lacks and the product's logic relies on in
 * AWS: versioned buckets and enforced conditional writes ({@code If-Match}, {@code If-None-Match} on
 * PutObject; {@code If-None-Match} on CompleteMultipartUpload in moto 5.x); it also serves Secrets
 * Manager. Stopped by its PID. {@link #unavailable()} says why it cannot run here (no python3 with moto;
 * PRODUCTFLOW_PYTHON picks another python), and {@link #startOrSkip} skips a test class, loudly, then.
 */
public final class MotoServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private final Process process;
    private final URI endpoint;
    private final Path log;

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** Empty when moto's server can run here, else the reason it cannot. */
    public static Optional<String> unavailable() {
        try {
            Process probe = new ProcessBuilder(python(), "-c", "import moto.server, flask")
                    .redirectErrorStream(true).start();
            String output = new String(probe.getInputStream().readAllBytes());
            if (probe.waitFor() != 0) {
                return Optional.of(python() + " cannot import moto.server (pip install 'moto[server]'): " + output.strip());
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("no " + python() + " on PATH: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while probing for moto");
        }
    }

    /**
     * Starts the server or, when moto is not installed, skips the calling test class (a JUnit assumption),
     * saying on stderr what is then {@code untested}.
     */
    public static MotoServer startOrSkip(String untested) throws IOException {
        Optional<String> why = unavailable();
        if (why.isPresent()) {
            System.err.println("\n*** SKIPPED: moto's server cannot run (" + why.get() + "). NOT tested: " + untested
                    + ". Install it with: pip install 'moto[server]' ***\n");
        }
        Assumptions.assumeTrue(why.isEmpty(), () -> "moto's server cannot run: " + why.get());
        return start();
    }

    public static MotoServer start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("moto-server-", ".log");
        Process process = new ProcessBuilder(List.of(python(), "-m", "moto.server", "-H", "127.0.0.1", "-p", String.valueOf(port)))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port), log);
        server.awaitReady();
        return server;
    }

    private void awaitReady() throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("moto server exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(2000);
                if (connection.getResponseCode() > 0) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for moto", e);
            }
        }
        close();
        throw new IOException("moto server did not answer on " + endpoint + " within " + START_TIMEOUT.toSeconds() + " s");
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A path-style SDK client for this server; the caller closes it. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(S3Stack.REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3Stack.ACCESS_KEY, S3Stack.SECRET_KEY)))
                .build();
    }

    /** Creates a bucket with versioning enabled, as the deployed input and output buckets are. */
    public void createVersionedBucket(String bucket) {
        try (S3Client s3 = client()) {
            s3.createBucket(r -> r.bucket(bucket));
            s3.putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
        }
    }

    @Override
    public void close() {
        ProcessHandle handle = process.toHandle();
        handle.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file
        }
    }

    private static String python() {
        String configured = System.getenv("PRODUCTFLOW_PYTHON");
        return configured == null || configured.isBlank() ? "python3" : configured;
    }
}
