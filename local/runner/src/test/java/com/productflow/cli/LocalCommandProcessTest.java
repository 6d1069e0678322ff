package com.productflow.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productflow.local.SampleFiles;
import com.productflow.local.chaos.LocalProcess;
import com.productflow.stack.s3.S3Stack;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code productflow local} in its own JVM, as a user runs it: the endpoints line comes first on stdout,
 * a file dropped with {@code aws s3 cp} is processed, and SIGTERM (what Ctrl-C amounts to) stops every
 * server and child process it started.
 */
class LocalCommandProcessTest {

    @Test
    void printsItsEndpointsFirstAndStopsEverythingOnSigterm(@TempDir Path work) throws Exception {
        Path root = SampleFiles.samplesFolder().getParent();
        // In its own folder (as a user runs it in theirs): other commands find it through .productflow/local.json there.
        LocalProcess local = LocalProcess.start(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dproductflow.home=" + root,
                "-Daws.disableEc2Metadata=true", "com.productflow.cli.Main", "local"), work, "local",
                Duration.ofSeconds(180)); // a loaded 2-core machine needs ~90 s to start the stack
        try {
            JsonNode endpoints = new ObjectMapper().readTree(local.endpointsLine());
            List<Integer> ports = new java.util.ArrayList<>();
            for (String field : List.of("s3", "dynamodb", "stepfunctions", "lambda")) {
                ports.add(URI.create(endpoints.path(field).asText()).getPort());
            }
            List<ProcessHandle> children = local.handle().descendants().toList();
            assertThat(children).as("dynalite and the Step Functions executor").hasSizeGreaterThanOrEqualTo(2);
            for (int port : ports) {
                assertThat(accepts(port)).as("port %d while running", port).isTrue();
            }
            dropWithTheAwsCli(endpoints.path("s3").asText(), root.resolve("samples/sample_products.json"), local.log());

            // Found by other commands in this folder: the endpoints line plus the pid; the console answers.
            Path found = work.resolve(".productflow").resolve("local.json");
            JsonNode written = new ObjectMapper().readTree(Files.readString(found));
            assertThat(written.path("pid").asLong()).isEqualTo(local.pid());
            assertThat(written.path("dynamodb").asText()).isEqualTo(endpoints.path("dynamodb").asText());
            URI console = URI.create(endpoints.path("console").asText());
            assertThat(console.getHost()).isEqualTo("127.0.0.1");
            ports.add(console.getPort());
            java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(console).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("productflow local console");

            local.handle().destroy(); // SIGTERM to the local JVM alone: its shutdown hook stops the system
            assertThat(local.handle().onExit()).succeedsWithin(Duration.ofSeconds(30));

            for (ProcessHandle child : children) {
                assertThat(child.isAlive()).as("child %d after stop", child.pid()).isFalse();
            }
            for (int port : ports) {
                assertThat(accepts(port)).as("port %d after stop", port).isFalse();
            }
            assertThat(Files.readString(local.log())).contains("productflow local: stopping");
            assertThat(found).as("removed on a clean exit").doesNotExist();
        } finally {
            local.kill();
        }
    }

    /**
     * A user's drop: {@code aws s3 cp} into the input bucket, then the run's log shows the execution
     * SUCCEEDED and the file COMPLETED. Skipped (with a note) where no AWS CLI is installed.
     */
    private static void dropWithTheAwsCli(String s3, Path file, Path log) throws Exception {
        ProcessBuilder cp = new ProcessBuilder("aws", "--endpoint-url", s3, "s3", "cp", file.toString(),
                "s3://productflow-input/cli/sample_products.json").redirectErrorStream(true);
        cp.environment().put("AWS_ACCESS_KEY_ID", S3Stack.ACCESS_KEY);
        cp.environment().put("AWS_SECRET_ACCESS_KEY", S3Stack.SECRET_KEY);
        cp.environment().put("AWS_DEFAULT_REGION", S3Stack.REGION);
        cp.environment().remove("AWS_PROFILE");
        Process aws;
        try {
            aws = cp.start();
        } catch (IOException notInstalled) {
            System.err.println("no aws CLI on the PATH: the aws s3 cp part of this test is skipped");
            return;
        }
        String output = new String(aws.getInputStream().readAllBytes(), UTF_8);
        assertThat(aws.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(aws.exitValue()).as(output).isZero();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains("SUCCEEDED: s3://productflow-input/cli/sample_products.json COMPLETED")) {
            assertThat(System.nanoTime()).as(Files.readString(log)).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
