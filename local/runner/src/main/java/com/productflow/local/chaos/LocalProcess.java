package com.productflow.local.chaos;

import com.productflow.common.BadInputException;
import com.productflow.common.ProductflowException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One start of {@code productflow local} as a separate process (its own JVM and, under it, the servers' and the
 * functions' processes), its stdout and stderr in files. Started, it has printed its endpoints line; it ends
 * either killed as a whole with SIGKILL (a crash of the machine, as far as the system can tell) or stopped
 * with SIGTERM (what Ctrl-C does). If this JVM is stopped first (Ctrl-C, SIGTERM), the whole tree is killed with it.
 */
public final class LocalProcess {
    private final Process process;
    private final Thread killOnExit;
    private final Path stderr;
    private final String endpointsLine;
    private final StackEndpoints endpoints;

    private LocalProcess(Process process, Thread killOnExit, Path stderr, String endpointsLine) throws IOException {
        this.process = process;
        this.killOnExit = killOnExit;
        this.stderr = stderr;
        this.endpointsLine = endpointsLine;
        this.endpoints = StackEndpoints.parse(endpointsLine);
    }

    /**
     * Runs {@code command} in {@code folder} and waits (up to {@code timeout}) for its first stdout line, the
     * endpoints. A process that ends first failed to start: exit code 2 (e.g. its data dir is in use) is bad input,
     * anything else a failure; either way the message quotes the end of its stderr.
     */
    public static LocalProcess start(List<String> command, Path folder, String name, Duration timeout) throws IOException {
        Path stdout = folder.resolve(name + ".out");
        Path stderr = folder.resolve(name + ".log");
        Process process = new ProcessBuilder(command).directory(folder.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        // Ctrl-C or SIGTERM of this JVM (the campaign, a test) takes the system it started with it; a kill -9 cannot.
        Thread killOnExit = new Thread(() -> killTree(process.toHandle()), "kill-local-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                String out = Files.readString(stdout, StandardCharsets.UTF_8);
                int end = out.indexOf('\n');
                if (end >= 0) {
                    return new LocalProcess(process, killOnExit, stderr, out.substring(0, end));
                }
                if (!process.isAlive()) {
                    String message = "productflow local exited with " + process.exitValue() + " before printing its endpoints; "
                            + stderr + " ends: " + tail(stderr);
                    if (process.exitValue() == 2) {
                        throw new BadInputException(message);
                    }
                    throw new ProductflowException(message);
                }
                if (System.nanoTime() > deadline) {
                    throw new ProductflowException("productflow local printed no endpoints within " + timeout + "; " + stderr + " ends: "
                            + tail(stderr));
                }
                Thread.sleep(50);
            }
        } catch (IOException | RuntimeException e) {
            killTree(process.toHandle());
            forget(killOnExit);
            throw e;
        } catch (InterruptedException e) {
            killTree(process.toHandle());
            forget(killOnExit);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while productflow local started", e);
        }
    }

    public StackEndpoints endpoints() {
        return endpoints;
    }

    /** The endpoints line as printed (every field, e.g. the console's address). */
    public String endpointsLine() {
        return endpointsLine;
    }

    public long pid() {
        return process.pid();
    }

    /** The {@code productflow local} JVM alone, to signal it without its descendants (they must follow it by themselves). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Its stderr (what it logged). */
    public Path log() {
        return stderr;
    }

    /** SIGKILL to the process and every descendant at once, then waits until all are gone. */
    public void kill() {
        killTree(process.toHandle());
        forget(killOnExit);
    }

    /** SIGTERM (a clean stop); the whole tree is killed if it has not ended within {@code grace}. */
    public void stop(Duration grace) throws InterruptedException {
        List<ProcessHandle> tree = tree(process.toHandle());
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
        }
        awaitGone(tree);
        forget(killOnExit);
    }

    private static void forget(Thread killOnExit) {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it finds the tree gone.
        }
    }

    private static void killTree(ProcessHandle root) {
        // The descendants are listed first: once the root is dead they no longer hang under it.
        List<ProcessHandle> tree = tree(root);
        tree.forEach(ProcessHandle::destroyForcibly);
        awaitGone(tree);
    }

    private static List<ProcessHandle> tree(ProcessHandle root) {
        return Stream.concat(Stream.of(root), root.descendants()).toList();
    }

    private static void awaitGone(List<ProcessHandle> tree) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (ProcessHandle p : tree) {
            while (p.isAlive() && System.nanoTime() < deadline) {
                p.destroyForcibly();
                try {
                    p.onExit().get(1, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException ignored) {
                    // Tried again until the deadline.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static String tail(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
    }
}
