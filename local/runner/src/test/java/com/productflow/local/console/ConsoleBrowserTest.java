package com.productflow.local.console;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productflow.local.LocalLog;
import com.productflow.local.LocalOptions;
import com.productflow.local.LocalSystem;
import com.productflow.local.SampleFiles;
import com.productflow.cli.Main;
import com.productflow.local.LocalStackFile;
import com.productflow.stack.sfn.ExecutionStatus;
import com.productflow.state.FileId;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The console end to end in a real headless Chromium (Debian's {@code chromium}, driven by {@code playwright-core}
 * from package.json): a dropped file reaches COMPLETED on the files page by itself, its page verifies the output
 * and downloads it, its execution graph is coloured by the history, a failed file is requeued, bad input gets a
 * clear message, and actions refuse other origins, Host names and missing tokens ({@code browser-test.cjs}).
 * Skipped, LOUDLY, where Chromium or playwright-core is not installed ({@code .ci/run} installs both).
 */
class ConsoleBrowserTest {

    /** Puts a file into the input bucket; its id as ingest records it. */
    private static final class E2eFiles {
        static FileId put(LocalSystem system, String key, byte[] body) {
            String etag = system.s3().putObject(b -> b.bucket(system.options().inputBucket()).key(key), RequestBody.fromBytes(body)).eTag();
            return FileId.ofEtag(system.options().inputBucket(), key, etag);
        }
    }

    @Test
    void theConsoleShowsFilesFlowingAndDrivesTheActions() throws Exception {
        Path root = SampleFiles.samplesFolder().getParent();
        try (LocalSystem system = LocalSystem.start(LocalOptions.defaults().withRetryInterval(Duration.ofMillis(20)).withLog(LocalLog.silent()));
             ConsoleServer console = ConsoleServer.start(system)) {
            filesShowFindsTheLocalStackAndNamesTheFailedState(system);
            inTheBrowser(root, system, console);
        }
    }

    /**
     * With .productflow/local.json in the working folder and no endpoint given, {@code files show} reads the state table
     * and the execution's history of the local stack, and names the state that failed and its error.
     */
    private static void filesShowFindsTheLocalStackAndNamesTheFailedState(LocalSystem system) throws Exception {
        FileId bad = E2eFiles.put(system, "incoming/console-bad.json", "[{\"ean\": \"4006381333931\", \"name\": \"broken\"".getBytes(UTF_8));
        assertThat(system.awaitExecution(bad, 1, Duration.ofSeconds(120)).status()).isEqualTo(ExecutionStatus.FAILED);
        LocalStackFile found = LocalStackFile.inWorkingFolder();
        found.write(system.endpoints().toSummary().toString());
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, UTF_8));
            System.setErr(new PrintStream(err, true, UTF_8));
            exit = Main.run("files", "show", "productflow-input/incoming/console-bad.json", "--output", "json");
            System.out.println("---");
            Main.run("files", "list", "--output", "table");
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
            found.removeIfOurs();
        }
        String[] printed = out.toString(UTF_8).split("---\\R", 2);
        assertThat(exit).as(err.toString(UTF_8)).isZero();
        assertThat(err.toString(UTF_8)).contains("using the local stack in " + found.path());
        JsonNode version = new ObjectMapper().readTree(printed[0]).path("versions").get(0);
        // Malformed input is a permanent failure: QUARANTINED at once (its execution FAILED at Convert).
        assertThat(version.path("status").asText()).isEqualTo("QUARANTINED");
        assertThat(version.at("/execution/status").asText()).isEqualTo("FAILED");
        assertThat(version.at("/execution/failedState").asText()).isEqualTo("Convert");
        assertThat(version.at("/execution/failedEvent").asText()).isEqualTo("TaskFailed");
        assertThat(version.at("/execution/cause").asText()).contains("malformed JSON");
        assertThat(printed[1]).startsWith("STATUS").contains("QUARANTINED").contains("productflow-input/incoming/console-bad.json");
    }

    private static void inTheBrowser(Path root, LocalSystem system, ConsoleServer console) throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("PRODUCTFLOW_CHROMIUM", "/usr/bin/chromium"));
        Path playwright = root.resolve("node_modules/playwright-core/package.json");
        if (!Files.isExecutable(chromium) || !Files.isRegularFile(playwright)) {
            String missing = (!Files.isExecutable(chromium) ? chromium + " " : "") + (!Files.isRegularFile(playwright) ? "node_modules/playwright-core" : "");
            System.err.println("\n**********************************************************************\n"
                    + "WARNING: ConsoleBrowserTest SKIPPED: missing " + missing + "\n"
                    + "  install: apt-get install -y chromium && npm ci   (.ci/run does both)\n"
                    + "**********************************************************************\n");
            Assumptions.abort("the browser test needs " + missing);
        }
        Path shots = Path.of("target", "console-screenshots");
        Files.createDirectories(shots);
        {
            Path script = Path.of(ConsoleBrowserTest.class.getResource("/console/browser-test.cjs").toURI());
            Path log = Files.createTempFile("console-browser", ".log");
            Process node = new ProcessBuilder("node", script.toString(), root.toString(), console.url().toString(), shots.toAbsolutePath().toString())
                    .redirectError(log.toFile()).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), UTF_8));
                Writer in = new OutputStreamWriter(node.getOutputStream(), UTF_8);
                String line;
                String last = null;
                while ((line = out.readLine()) != null) {
                    if (line.equals("DROP")) {
                        byte[] good = Files.readAllBytes(root.resolve("samples/sample_products.json"));
                        system.s3().putObject(b -> b.bucket(system.options().inputBucket()).key("incoming/console-good.json"), RequestBody.fromBytes(good));
                        in.write("DROPPED\n");
                        in.flush();
                    } else {
                        last = line;
                    }
                }
                assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
                String steps = Files.readString(log, UTF_8);
                System.err.print(steps);
                assertThat(node.exitValue()).as(steps).isZero();
                JsonNode summary = new ObjectMapper().readTree(last);
                System.err.println("console: page weight " + summary.path("pageBytes").asLong() + " bytes, first render "
                        + summary.path("firstRenderMs").asLong() + " ms (page shell " + summary.path("domContentLoadedMs").asLong() + " ms)");
                assertThat(summary.path("pageBytes").asLong()).isPositive();
                assertThat(Files.size(shots.resolve("console-overview.png"))).isPositive();
            } finally {
                node.destroyForcibly();
                Files.deleteIfExists(log);
            }
        }
    }
}
