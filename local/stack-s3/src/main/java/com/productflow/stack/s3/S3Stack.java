package com.productflow.stack.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server (s3proxy) running inside this JVM on 127.0.0.1 and a free port, for tests
 * and the local run. Requests are signed like real S3 (SigV2/SigV4 with {@link #ACCESS_KEY} /
 * {@link #SECRET_KEY}, which are local test values, not secrets).
 *
 * <p>Built with {@code ignoreUnknownHeaders(true)}: without it s3proxy answers 501 to headers it does
 * not know, e.g. {@code x-amz-mp-object-size} that the SDK sends on CompleteMultipartUpload.
 */
public final class S3Stack implements AutoCloseable {
    /** Credentials the local server accepts. Local-only values; never use them anywhere else. */
    public static final String ACCESS_KEY = "local-access-key";
    public static final String SECRET_KEY = "local-secret-key";
    /** The region clients should sign for (s3proxy accepts any). */
    public static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final URI endpoint;
    private final NotifyingBlobStore store;

    private S3Stack(S3Proxy proxy, URI endpoint, NotifyingBlobStore store) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.store = store;
    }

    /** An object stored by a put, a copy or a completed multipart upload (what S3's "Object Created" event says). */
    public record ObjectCreated(String bucket, String key, String eTag, Long size) {
    }

    /**
     * Tells {@code listener} of every object created from now on, on the writing request's thread, after the
     * object is stored and before the client has its answer (so it must hand the work over, not do it).
     */
    public void onObjectCreated(Consumer<ObjectCreated> listener) {
        store.listener(listener);
    }

    /** Objects kept in memory (an in-memory file system); gone when stopped. */
    public static S3Stack startTransient() {
        return start(new TransientNio2BlobStore());
    }

    /**
     * Objects kept as files under {@code root} (created if missing); they survive a restart. What a crash left
     * behind is cleared first and named on stderr: object writes cut short are moved aside
     * ({@link TornObjectWrites}), multipart uploads left half-recorded are removed ({@link TornMultipartUploads}).
     */
    public static S3Stack startFilesystem(Path root) {
        return startFilesystem(root, 0);
    }

    /** Restarts a server on a given port (e.g. after {@link #close()} in a failure test). */
    public static S3Stack startFilesystem(Path root, int port) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the S3 store folder " + root, e);
        }
        for (String write : TornObjectWrites.moveAside(root)) {
            System.err.println("s3: moved aside " + write + ": a write a crash cut short (s3proxy's temporary file, never a"
                    + " stored object)");
        }
        BlobStore store = new FilesystemNio2BlobStore(root.toAbsolutePath().toString());
        for (String upload : TornMultipartUploads.remove(store)) {
            System.err.println("s3: removed multipart upload " + upload + ", left half-recorded by a crash");
        }
        return start(store, port);
    }

    private static S3Stack start(BlobStore store) {
        // Port 0: Jetty binds an ephemeral port itself, so no other server can take it between a
        // "find a free port" probe and the bind (that race failed tests starting servers in parallel).
        return start(store, 0);
    }

    private static S3Stack start(BlobStore backing, int port) {
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        NotifyingBlobStore store = new NotifyingBlobStore(backing);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(true)
                .metricsEnabled(false)
                .build();
        try {
            proxy.start();
            // start() returns before Jetty is listening; wait (bounded) until it is.
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("s3proxy did not start within 30 s (state " + proxy.getState() + ")");
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting s3proxy", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy failed to start on " + endpoint, e);
        }
        return new S3Stack(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()), store);
    }

    /** The URL clients use, e.g. {@code http://127.0.0.1:40123}. */
    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return endpoint.getPort();
    }

    /** Creates a bucket through the S3 API, as a user would. */
    public void createBucket(String bucket) {
        try (S3Client s3 = client()) {
            s3.createBucket(r -> r.bucket(bucket));
        }
    }

    /** Creates a bucket unless it is there already (a file system store started again). */
    public void createBucketIfMissing(String bucket) {
        try (S3Client s3 = client()) {
            try {
                s3.headBucket(r -> r.bucket(bucket));
            } catch (software.amazon.awssdk.services.s3.model.NoSuchBucketException e) {
                s3.createBucket(r -> r.bucket(bucket));
            }
        }
    }

    /** A plain SDK client for this server (path-style, local credentials); the caller closes it. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy failed to stop", e);
        }
    }

    /**
     * Runs a server until the process is stopped: {@code S3Stack [--dir FOLDER] [--port N] [--bucket NAME]...}
     * (default: transient store, a free port). Prints one JSON line with the endpoint on stdout.
     */
    public static void main(String[] args) throws InterruptedException {
        Path dir = null;
        int port = 0;
        java.util.List<String> buckets = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--bucket" -> buckets.add(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        S3Stack stack = dir == null ? startTransient() : port == 0 ? startFilesystem(dir) : startFilesystem(dir, port);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "s3-stack-stop"));
        buckets.forEach(stack::createBucket);
        System.out.println("{\"endpoint\":\"" + stack.endpoint() + "\",\"accessKeyId\":\"" + ACCESS_KEY + "\"}");
        System.out.flush();
        Thread.currentThread().join();
    }
}
