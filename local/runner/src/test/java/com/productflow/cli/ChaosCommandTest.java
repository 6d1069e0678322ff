package com.productflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productflow.local.DataDir;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code productflow chaos}: bad flags exit 2 before anything starts, and the short campaign (the CI version:
 * 40 files, 5 kills of the whole system, each followed by a restart on the same data dir) ends with every
 * invariant holding, its JSON line saying so, and nothing left running on the data dir.
 */
class ChaosCommandTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path temp;

    @Test
    void badFlagsExitTwoNamingTheFlag() throws Exception {
        Path dir = temp.resolve("data");
        assertThat(Main.run("chaos", "--data-dir", dir.toString(), "--files", "0", "--kills", "1")).isEqualTo(2);
        assertThat(console.err()).contains("--files must be at least 1, got 0");
        assertThat(Main.run("chaos", "--data-dir", dir.toString(), "--files", "3", "--kills", "-1")).isEqualTo(2);
        assertThat(console.err()).contains("--kills must be at least 0, got -1");
        assertThat(Main.run("chaos", "--files", "3", "--kills", "1")).isEqualTo(2);
        assertThat(console.err()).contains("--data-dir");
        assertThat(Main.run("chaos", "--data-dir", dir.toString(), "--files", "many", "--kills", "1")).isEqualTo(2);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("left-over"), "x");
        assertThat(Main.run("chaos", "--data-dir", dir.toString(), "--files", "3", "--kills", "1")).isEqualTo(2);
        assertThat(console.err()).contains("--data-dir " + dir + " is not empty");
        Path file = dir.resolve("left-over");
        assertThat(Main.run("chaos", "--data-dir", file.toString(), "--files", "3", "--kills", "1")).isEqualTo(2);
        assertThat(console.err()).contains("--data-dir " + file + " is not a folder");
        assertThat(console.out()).isEmpty();
    }

    @Test
    void theShortCampaignHoldsEveryInvariant() throws Exception {
        Path dir = temp.resolve("chaos-data");

        int exit = Main.run("chaos", "--data-dir", dir.toString(), "--files", "40", "--kills", "5", "--seed", "1");

        assertThat(exit).as(console.err()).isZero();
        JsonNode line = new ObjectMapper().readTree(console.out());
        assertThat(line.path("ok").asBoolean()).isTrue();
        assertThat(line.path("files").asInt()).isEqualTo(40);
        assertThat(line.path("kills").asInt()).isEqualTo(5);
        assertThat(line.path("seed").asLong()).isEqualTo(1);
        assertThat(line.path("violations").size()).as(line.toString()).isZero();
        JsonNode invariants = line.path("invariants");
        assertThat(invariants.path("completedOnce").asInt() + invariants.path("malformedRejected").asInt()).isEqualTo(40);
        assertThat(invariants.path("malformedRejected").asInt()).isEqualTo(4);
        assertThat(invariants.path("noneInFlight").asInt()).isGreaterThanOrEqualTo(40);
        assertThat(invariants.path("topicExactlyOnce").asInt()).isPositive();
        assertThat(invariants.path("noOpenUpload").asInt()).isEqualTo(2);
        int killed = 0;
        for (JsonNode n : line.path("killedIn")) {
            killed += n.asInt();
        }
        assertThat(killed).isEqualTo(5);
        Path logs = Path.of(line.path("logs").asText());
        for (int start = 0; start <= 5; start++) {
            assertThat(logs.resolve("local-" + start + ".log")).as("start %d's log", start).exists();
        }
        // The last local was stopped: the data dir's lock is free again.
        try (DataDir again = DataDir.open(dir)) {
            assertThat(again.root()).isEqualTo(dir.toAbsolutePath().normalize());
        }
    }
}
