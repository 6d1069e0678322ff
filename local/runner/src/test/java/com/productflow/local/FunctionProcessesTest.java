package com.productflow.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.productflow.stack.sfn.LocalLambdaServer;
import com.productflow.template.FunctionConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Function JVMs as the local run starts and stops them, with a one-class handler in a jar of its own. */
class FunctionProcessesTest {
    /** A function that answers with what it was given. */
    public static final class EchoHandler implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            input.transferTo(output);
        }
    }

    /**
     * Stopping the functions must let a JVM that records its class data archive write it: a stop that also closed
     * its stdin (exit with parent) SIGKILLed it first, and no archive was ever written again (local took twice as
     * long to start).
     */
    @Test
    void stoppingTheFunctionsLetsAJvmRecordingItsArchiveWriteIt(@TempDir Path dir) throws Exception {
        Path jar = deploymentJar(dir.resolve("echo"));
        FunctionConfig config = new FunctionConfig("EchoFunction", EchoHandler.class.getName(), Duration.ofSeconds(60), 256,
                OptionalInt.empty(), Map.of(), List.of());
        Map<String, String> environment = Map.of("_HANDLER", config.handler(), "AWS_LAMBDA_FUNCTION_NAME", config.name(),
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        try (LocalLambdaServer lambda = LocalLambdaServer.start()) {
            FunctionProcesses functions = FunctionProcesses.create(LocalLog.silent());
            try {
                functions.start(config, jar, environment, lambda);
                assertThat(functions.awaitInit(Duration.ofSeconds(60))).as("the function's JVM started").isTrue();
                LambdaInvoker.Result echoed = new LambdaInvoker(lambda.endpoint()).invoke(config.name(), "{\"a\":1}", Duration.ofSeconds(60));
                assertThat(echoed.ok()).as(echoed.body()).isTrue();
                assertThat(echoed.body()).isEqualTo("{\"a\":1}");
            } finally {
                functions.close();
            }
        }
        assertThat(archives(jar.getParent().resolve("cds"))).as("EchoFunction's recorded archive")
                .anyMatch(name -> name.startsWith("EchoFunction-") && name.endsWith(".jsa"))
                .noneMatch(name -> name.endsWith(".tmp"));
    }

    private static List<String> archives(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(name -> name.contains(".jsa")).toList();
        }
    }

    /** What the shade step makes of a function: its handler and the Lambda interfaces it implements, in one jar. */
    private static Path deploymentJar(Path folder) throws Exception {
        Files.createDirectories(folder);
        Path jar = folder.resolve("echo-function.jar");
        Path lambdaCore = Path.of(RequestStreamHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String handler = EchoHandler.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); JarFile core = new JarFile(lambdaCore.toFile())) {
            for (Enumeration<JarEntry> entries = core.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().endsWith(".class")) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream in = core.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                }
            }
            out.putNextEntry(new JarEntry(handler));
            try (InputStream in = EchoHandler.class.getClassLoader().getResourceAsStream(handler)) {
                in.transferTo(out);
            }
        }
        return jar;
    }
}
