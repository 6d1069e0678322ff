package com.productflow.checks;

import com.productflow.template.SamParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
 * The command-line pieces of the deploy path: terraform/sam-overrides.sh (bash + jq), and
 * terraform/check.sh's {@code terraform fmt -check}, {@code init -plugin-dir} and {@code validate}
 * where terraform and a provider mirror exist (.ci/run runs the whole check: also {@code terraform
 * test} and a plan against moto). Skipped (not passed) on machines without the tools.
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
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
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

    /** terraform on the PATH and the hashicorp/aws provider in the mirror terraform/check.sh reads. */
    static boolean terraformAndMirror() {
        Path mirror = Path.of(System.getenv().getOrDefault("TF_PROVIDER_MIRROR", "/opt/tf-plugins"));
        return onPath("terraform") && onPath("bash")
                && Files.isDirectory(mirror.resolve("registry.terraform.io/hashicorp/aws"));
    }

    static Result check(Path dir, String... flags) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", Repo.terraform().resolve("check.sh").toString()));
        command.addAll(Arrays.asList(flags));
        command.add(dir.toString());
        return run(Repo.root(), "", command.toArray(String[]::new));
    }

    @Test
    void terraformValidatesTheConfiguration() throws Exception {
        assumeTrue(terraformAndMirror(), "no terraform binary or provider mirror on this machine (terraform/check.sh)");
        Result r = check(Repo.terraform(), "--validate-only");
        assertThat(r.exit()).as("terraform/check.sh: %s %s", r.stdout(), r.stderr()).isZero();
        assertThat(r.stdout()).contains("== terraform validate", "The configuration is valid");
        assertThat(Repo.terraform().resolve(".terraform")).as("the check works on a copy").doesNotExist();
        assertThat(Repo.terraform().resolve(".terraform.lock.hcl")).doesNotExist();
    }

    /** Each edit breaks what terraform, not the offline checks, must catch. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // 6.x's name of the attribute, which the 5.x provider lacks: what the configuration once had.
        "an attribute the provider does not have | main.tf | data.aws_region.current.name} | data.aws_region.current.region} | Unsupported attribute",
        "an undeclared variable | outputs.tf | value       = var.kafka_topic\\n | value       = var.kafka_topics\\n | Reference to undeclared input variable",
        "an unbalanced file | outputs.tf | value       = var.kafka_topic\\n | value       = [var.kafka_topic\\n | outputs.tf",
    })
    void terraformRejectsABrokenCopy(String name, String file, String from, String to, String expected,
                                     @TempDir Path dir) throws Exception {
        assumeTrue(terraformAndMirror(), "no terraform binary or provider mirror on this machine (terraform/check.sh)");
        Repo.copyTree(Repo.terraform(), dir);
        Path path = dir.resolve(file);
        String text = Files.readString(path);
        String target = from.replace("\\n", "\n");
        assertThat(text).as("text to break in " + file).contains(target);
        Files.writeString(path, text.replace(target, to.replace("\\n", "\n")));
        Result r = check(dir, "--validate-only");
        assertThat(r.exit()).as(name).isEqualTo(1);
        assertThat(r.stderr() + r.stdout()).as(name).contains(expected);
    }
}
