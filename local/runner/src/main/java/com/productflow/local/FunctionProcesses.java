package com.productflow.local;

import com.productflow.common.ProductflowException;
import com.productflow.local.runtime.LambdaRuntimeLoop;
import com.productflow.stack.sfn.LambdaRuntimeApi;
import com.productflow.stack.sfn.LocalLambdaServer;
import com.productflow.template.FunctionConfig;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Every function of the template in its own JVM, from its own deployment jar (what {@code sam build} puts in
 * {@code lib/}), with {@link LambdaRuntimeLoop} beside it taking invocations from the local Lambda API's
 * Runtime API: a class the shade step dropped by mistake fails here as it would in AWS. A JVM that exits
 * while the system runs is started again (what it was running fails with {@code Runtime.ExitError}), as
 * Lambda starts a new execution environment. Each JVM's {@code java.io.tmpdir} is its own folder (Lambda's
 * {@code /tmp}); its stdout and stderr go to {@code <work>/logs/<Function>.log}, or to this process's stderr
 * when {@code PRODUCTFLOW_LOG_LEVEL} is set.
 */
final class FunctionProcesses implements AutoCloseable {
    /** Runtime threads of a function without reserved concurrency (see LambdaRuntimeLoop on why threads). */
    static final int DEFAULT_THREADS = 16;

    private final Path work;
    private final boolean temporary;
    private final LocalLog log;
    private final boolean showLogs = System.getenv("PRODUCTFLOW_LOG_LEVEL") != null;
    private final List<Running> running = new ArrayList<>();
    private final Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();
    private volatile boolean closing;

    private FunctionProcesses(Path work, boolean temporary, LocalLog log) {
        this.work = work;
        this.temporary = temporary;
        this.log = log;
    }

    static FunctionProcesses create(LocalLog log) throws IOException {
        return new FunctionProcesses(Files.createTempDirectory("productflow-functions-"), true, log);
    }

    /** With the functions' {@code tmp/} and {@code logs/} in {@code work}, kept when they stop (a data dir). */
    static FunctionProcesses in(Path work, LocalLog log) throws IOException {
        return new FunctionProcesses(Files.createDirectories(work), false, log);
    }

    /** One function: registered with the Lambda API (counted, reserved concurrency applied) and its JVM started. */
    synchronized void start(FunctionConfig function, Path jar, Map<String, String> environment, LocalLambdaServer lambda)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new ProductflowException(function.name() + ": its deployment jar " + jar + " is not built (make functions;"
                    + " ./productflow builds it when it is missing or stale)");
        }
        AtomicInteger count = invocations.computeIfAbsent(function.name(), n -> new AtomicInteger());
        LambdaRuntimeApi api = lambda.registerRuntime(function.name(), function.timeout(), runtime -> {
            com.productflow.stack.sfn.LocalFunction counted = payload -> {
                count.incrementAndGet();
                return runtime.invoke(payload);
            };
            return function.reservedConcurrency().isPresent()
                    ? ReservedConcurrency.limit(counted, function.reservedConcurrency().getAsInt()) : counted;
        });
        int threads = function.reservedConcurrency().isPresent() ? function.reservedConcurrency().getAsInt() : DEFAULT_THREADS;
        Path tmp = Files.createDirectories(work.resolve("tmp").resolve(function.name()));
        // Beside the jar (mvn clean removes both): the runtime loop's own jar and the class data archives.
        Path cds = jar.toAbsolutePath().getParent().resolve("cds");
        Path runtimeJar = RuntimeJar.write(cds);
        ClassDataArchives.Recording archive = new ClassDataArchives(cds).forFunction(function.name(), List.of(jar, runtimeJar));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // What the Lambda Java runtime passes (JAVA_TOOL_OPTIONS from the template is read by the JVM itself).
                "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx" + Math.max(64, function.memoryMb() * 85 / 100) + "m"));
        command.addAll(archive.jvmFlags());
        command.addAll(List.of("-Djava.io.tmpdir=" + tmp, "-Daws.disableEc2Metadata=true",
                "-D" + LambdaRuntimeLoop.EXIT_WITH_PARENT + "=true",
                "-cp", jar + File.pathSeparator + runtimeJar, LambdaRuntimeLoop.class.getName(), Integer.toString(threads)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", lambda.runtimeApiAddress(function.name()));
        Path logFile = work.resolve("logs").resolve(function.name() + ".log");
        Files.createDirectories(logFile.getParent());
        if (!showLogs) {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        }
        Running r = new Running(function.name(), builder, api, archive);
        running.add(r);
        r.launch();
    }

    /** Waits until every function's runtime polls for work (its init done); false when the time ran out. */
    boolean awaitInit(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Running r : List.copyOf(running)) {
            while (r.api.polling() == 0 && !r.api.initFailed()) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(20);
            }
        }
        return true;
    }

    int invocations(String function) {
        AtomicInteger count = invocations.get(function);
        return count == null ? 0 : count.get();
    }

    Set<String> names() {
        Set<String> names = new TreeSet<>();
        running.forEach(r -> names.add(r.name));
        return names;
    }

    Path logs() {
        return work.resolve("logs");
    }

    /** The process id of the function's JVM now. */
    java.util.Optional<Long> pid(String function) {
        return running.stream().filter(r -> r.name.equals(function)).findFirst().map(r -> r.process.pid());
    }

    List<Long> pids() {
        return running.stream().map(r -> r.process.pid()).toList();
    }

    @Override
    public void close() throws IOException {
        closing = true;
        for (Running r : running) {
            // SIGTERM through the handle: Process.destroy() would also close the JVM's stdin, which (exit with
            // parent) kills it at once, before it writes the class data archive it is recording.
            r.process.toHandle().destroy();
        }
        for (Running r : running) {
            boolean clean = false;
            try {
                // A JVM recording its class data archive writes it as it exits (about a second).
                clean = r.process.waitFor(r.archive.records() ? 15 : 5, TimeUnit.SECONDS);
                if (!clean) {
                    r.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                r.process.destroyForcibly();
            }
            r.archive.finish(clean);
        }
        if (!temporary) {
            return;
        }
        try (Stream<Path> paths = Files.walk(work)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** One function's JVM, started again when it exits on its own (not after a failed init). */
    private final class Running {
        private final String name;
        private final ProcessBuilder builder;
        private final LambdaRuntimeApi api;
        private final ClassDataArchives.Recording archive;
        private volatile Process process;

        Running(String name, ProcessBuilder builder, LambdaRuntimeApi api, ClassDataArchives.Recording archive) {
            this.name = name;
            this.builder = builder;
            this.api = api;
            this.archive = archive;
        }

        void launch() throws IOException {
            api.reset();
            process = builder.start();
            if (showLogs) {
                pump(process.getInputStream(), name);
            }
            process.onExit().thenAccept(this::exited);
        }

        private void exited(Process ended) {
            if (closing) {
                return;
            }
            api.runtimeExited(ended.exitValue());
            try {
                archive.finish(ended.exitValue() < 128); // 128 + n: killed by signal n, perhaps mid-dump
            } catch (IOException e) {
                log.warn("%s: class data archive: %s", name, e.getMessage());
            }
            if (api.initFailed()) {
                log.warn("%s: init failed (exit %d); its invocations fail with the init error (log: %s)", name, ended.exitValue(),
                        logs().resolve(name + ".log"));
                return;
            }
            log.warn("%s: its JVM exited (%d); starting a new one", name, ended.exitValue());
            try {
                launch();
            } catch (IOException e) {
                log.warn("%s: cannot start its JVM again: %s", name, e.getMessage());
            }
        }
    }

    private static void pump(InputStream output, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    System.err.println("[" + name + "] " + line);
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }, "function-log-" + name);
        t.setDaemon(true);
        t.start();
    }
}
