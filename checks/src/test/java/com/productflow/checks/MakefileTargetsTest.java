package com.productflow.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root Makefile as {@code sam build} uses it (BuildMethod: makefile): {@code make build-<LogicalId>}
 * from the repository root with ARTIFACTS_DIR set must leave exactly the function's jar in
 * ARTIFACTS_DIR/lib/, with the handler class in it. One target runs a real (offline) Maven build; the
 * others run with MVN=true, since their jars were built earlier in this reactor.
 */
class MakefileTargetsTest {
    private final Path root = Repo.root();

    @TestFactory
    Stream<DynamicTest> everyTemplateFunctionHasATargetThatShipsItsJar(@TempDir Path artifacts) {
        return FunctionPackages.load(root).stream().map(f -> DynamicTest.dynamicTest(f.id(), () -> {
            Path dir = Files.createDirectories(artifacts.resolve(f.id()));
            Result result = make(List.of("build-" + f.id(), "ARTIFACTS_DIR=" + dir, "MVN=true"));
            assertThat(result.exitCode()).as("make build-%s: %s", f.id(), result.output()).isZero();
            assertShipped(f, dir);
        }));
    }

    @Test
    void aTargetBuildsTheModuleWithMaven(@TempDir Path artifacts) throws Exception {
        FunctionPackages.Function redrive = FunctionPackages.load(root).stream()
                .filter(f -> f.id().equals("RedriveFunction")).findFirst().orElseThrow();
        // Offline: this reactor has already fetched everything the build needs.
        Result result = make(List.of("build-RedriveFunction", "ARTIFACTS_DIR=" + artifacts, "MVN_FLAGS=-q -B -o"));
        assertThat(result.exitCode()).as("make build-RedriveFunction: %s", result.output()).isZero();
        assertThat(result.output()).contains("-pl " + redrive.module() + " -am package");
        assertShipped(redrive, artifacts);
    }

    @Test
    void withoutArtifactsDirTheTargetFailsAndSaysWhy() throws Exception {
        Result result = make(List.of("build-IngestFunction", "MVN=true"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("ARTIFACTS_DIR is not set");
    }

    @Test
    void anUnknownFunctionHasNoTarget() throws Exception {
        Result result = make(List.of("build-NoSuchFunction", "ARTIFACTS_DIR=/nonexistent", "MVN=true"));
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("No rule to make target");
    }

    private void assertShipped(FunctionPackages.Function function, Path artifacts) throws IOException {
        Path lib = artifacts.resolve("lib");
        try (Stream<Path> files = Files.list(lib)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly(function.jarName());
        }
        Path shipped = lib.resolve(function.jarName());
        assertThat(Files.mismatch(shipped, function.jar(root))).as("lib/ holds the module's jar").isEqualTo(-1L);
        try (ZipFile zip = new ZipFile(shipped.toFile())) {
            assertThat(zip.getEntry(function.handlerClass().replace('.', '/') + ".class"))
                    .as(function.handlerClass() + " in " + function.jarName()).isNotNull();
        }
    }

    private record Result(int exitCode, String output) {}

    private Result make(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("make", "--no-print-directory", "-C", root.toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove("ARTIFACTS_DIR");
        env.remove("MVN");
        env.remove("MVN_FLAGS");
        Process process = pb.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("make " + args + " did not finish in 10 minutes");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
