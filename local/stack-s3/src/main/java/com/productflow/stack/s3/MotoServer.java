package com.productflow.stack.s3;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * moto's server ({@code python3 -m moto.server}) on 127.0.0.1 and a free port: an independent
 * implementation of the S3 API with what s3proxy lacks and the product's logic relies on in AWS:
 * versioned buckets and enforced conditional writes ({@code If-Match}, {@code If-None-Match} on
 * PutObject; {@code If-None-Match} on CompleteMultipartUpload in moto 5.x). Stopped by its PID.
 * {@link #available()} tells whether python3 with moto is installed: tests skip, loudly, when not.
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

    /** True when {@code python3 -c "import moto.server"} works (PRODUCTFLOW_PYTHON picks another python). */
    public static boolean available() {
        try {
            Process probe = new ProcessBuilder(python(), "-c", "import moto.server, flask")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
