package com.productflow.bench.s3;

import com.productflow.stack.s3.S3Stack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The s3proxy the S3 bench talks to, and the CPU it has used: in this JVM (the default; its Jetty
 * threads are told apart by name) or in a JVM of its own ({@code --server process}), whose CPU
 * (every thread, its JIT and GC included) is read from the operating system. Either way on the
 * same cores as the client; a separate process only makes the split of CPU between them exact.
 */
abstract class BenchServer implements AutoCloseable {
    abstract URI endpoint();

    /** CPU the server has used so far, in nanoseconds. */
    abstract long cpuNanos();

    /** True when the server's CPU is part of this process's CPU (to be subtracted to get the client's). */
    abstract boolean inThisProcess();

    @Override
    public abstract void close();

    static BenchServer start(String mode, Path store, String bucket) throws IOException {
        return switch (mode) {
            case "in-process" -> new InProcess(S3Stack.startFilesystem(store), bucket);
            case "process" -> OwnProcess.start(store, bucket);
            default -> throw new IllegalArgumentException("server must be in-process or process, got " + mode);
        };
    }

    private static final class InProcess extends BenchServer {
        private final S3Stack stack;

        InProcess(S3Stack stack, String bucket) {
            this.stack = stack;
            stack.createBucket(bucket);
        }

        @Override
        URI endpoint() {
            return stack.endpoint();
        }

        /** CPU of the server's threads (Jetty's pool, named S3Proxy-*), which stay alive across a run. */
        @Override
        long cpuNanos() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long total = 0;
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && info.getThreadName().startsWith("S3Proxy")) {
                    total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
                }
            }
            return total;
        }

        @Override
        boolean inThisProcess() {
            return true;
        }

        @Override
        public void close() {
            stack.close();
        }
    }

    /** {@code java -cp <this classpath> S3Stack --dir STORE --bucket B}, stopped (by its handle) on close. */
    private static final class OwnProcess extends BenchServer {
        private static final Pattern ENDPOINT = Pattern.compile("\"endpoint\":\"([^\"]+)\"");
        private final Process process;
        private final URI endpoint;

        private OwnProcess(Process process, URI endpoint) {
            this.process = process;
            this.endpoint = endpoint;
        }

        static OwnProcess start(Path store, String bucket) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    S3Stack.class.getName(), "--dir", store.toAbsolutePath().toString(), "--bucket", bucket)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                String line = out.readLine();
                Matcher m = line == null ? null : ENDPOINT.matcher(line);
                if (m == null || !m.find()) {
                    throw new IOException("the S3 server process did not print its endpoint (got " + line + ")");
                }
                return new OwnProcess(process, URI.create(m.group(1)));
            } catch (IOException | RuntimeException e) {
                process.destroyForcibly();
                throw e;
            }
        }

        @Override
        URI endpoint() {
            return endpoint;
        }

        @Override
        long cpuNanos() {
            return process.info().totalCpuDuration().map(Duration::toNanos)
                    .orElseThrow(() -> new IllegalStateException("the OS does not report the server process's CPU"));
        }

        @Override
        boolean inThisProcess() {
            return false;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
