package com.productflow.checks;

import com.productflow.template.SamParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The command-line pieces of the deploy path: terraform/sam-overrides.sh (bash + jq), and, where a
 * terraform binary happens to be installed, {@code terraform fmt -check} as a second, real HCL
 * parser. Both are skipped (not passed) on machines without the tool.
 */
class ToolsTest {

    record Result(int exit, String stdout, String stderr) {
    }

    static Result run(Path workDir, String stdin, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().put("CHECKPOINT_DISABLE", "1"); // no terraform version check over the network
        Path out = Files.createTempFile("tool", ".out");
        Path err = Files.createTempFile("tool", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            p.destroyForcibly(); // no-op when it has exited
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static boolean onPath(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    /** A `terraform output -json` document with one string output per SAM parameter. */
    static String outputJson(List<String> names, String emptyOne) {
        List<String> entries = new ArrayList<>();
        for (String n : names) {
            String value = n.equals(emptyOne) ? "" : n.equals("PrivateSubnetIds") ? "subnet-0a,subnet-0b" : "v-" + n;
            entries.add("\"" + n + "\":{\"sensitive\":false,\"type\":\"string\",\"value\":\"" + value + "\"}");
        }
        return "{" + String.join(",", entries) + "}";
    }

    @Test
    void samOverridesPrintsEveryParameterAndDropsEmptyOnes() throws Exception {
        assumeTrue(onPath("jq") && onPath("bash"), "needs bash and jq");
        List<String> params = SamParameters.read(Repo.root());
        Result r = run(Repo.root(), outputJson(params, "KmsKeyArn"), "bash", "terraform/sam-overrides.sh", "-");
        assertThat(r.exit()).as(r.stderr()).isZero();
        List<String> pairs = Arrays.asList(r.stdout().strip().split(" "));
        assertThat(pairs).hasSize(params.size() - 1)
                .contains("InputBucketName=v-InputBucketName", "PrivateSubnetIds=subnet-0a,subnet-0b")
                .noneMatch(p -> p.startsWith("KmsKeyArn"));
        assertThat(pairs).allMatch(p -> params.contains(p.substring(0, p.indexOf('='))));
    }

    @Test
    void samOverridesFailsOnInvalidJson() throws Exception {
        assumeTrue(onPath("jq") && onPath("bash"), "needs bash and jq");
        Result r = run(Repo.root(), "{not json", "bash", "terraform/sam-overrides.sh", "-");
        assertThat(r.exit()).isNotZero();
    }

    @Test
    void terraformFmtAcceptsTheConfiguration() throws Exception {
        assumeTrue(onPath("terraform"), "no terraform binary on this machine");
        Result r = run(Repo.terraform(), "", "terraform", "fmt", "-check", "-recursive", "-no-color", ".");
        assertThat(r.exit()).as("terraform fmt -check: %s %s", r.stdout(), r.stderr()).isZero();
    }

    @Test
    void terraformFmtRejectsABrokenCopy(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("terraform"), "no terraform binary on this machine");
        Repo.copyTree(Repo.terraform(), dir);
        Path outputs = dir.resolve("outputs.tf");
        Files.writeString(outputs, Files.readString(outputs) + "\noutput \"Broken\" {\n  value = [1, 2\n}\n");
        Result r = run(dir, "", "terraform", "fmt", "-check", "-recursive", "-no-color", ".");
        assertThat(r.exit()).isNotZero();
        assertThat(r.stderr()).contains("outputs.tf");
    }
}
