package com.productflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productflow.samples.ProductGenerator;
import com.productflow.stack.kafka.EmbeddedKafka;
import com.productflow.testsupport.LocalServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** load-csv and extract as a user runs them: flags in, one JSON line out, exit codes. */
class LoadAndExtractCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final LocalServer<EmbeddedKafka> KAFKA = LocalServer.kafka();

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void loadsGeneratedProductsAndPublishesTheReadyOnes() throws Exception {
        Path csv = dir.resolve("products.csv");
        try (OutputStream o = Files.newOutputStream(csv)) {
            new ProductGenerator().write(ProductGenerator.Format.CSV, 500, o);
        }
        String db = "jdbc:sqlite:" + dir.resolve("p.db");

        assertThat(Main.run("load-csv", "--csv", csv.toString(), "--db", db)).isZero();
        JsonNode load = lastLine();
        assertThat(load.get("rows").asLong()).isEqualTo(500);
        assertThat(load.get("loaded").asLong() + load.get("rejected").asLong() + load.get("duplicates").asLong()).isEqualTo(500);
        assertThat(load.has("rejectsFile")).isTrue();
        assertThat(load.get("seconds").isNumber()).isTrue();

        String today = ProductGenerator.DEFAULT_REFERENCE_DATE.toString();
        long expected = count(db, "SELECT COUNT(*) FROM products WHERE \"articleStatus\" = 'created' AND \"b2bReadinessDate\" >= '"
                + ProductGenerator.DEFAULT_REFERENCE_DATE.minusDays(30) + "'");
        assertThat(expected).isPositive();
        assertThat(Main.run("extract", "--db", db, "--bootstrap", KAFKA.get().bootstrapServers(), "--topic", "cli",
                "--today", today, "--mode", "incremental")).isZero();
        JsonNode extract = lastLine();
        assertThat(extract.get("selected").asLong()).isEqualTo(expected);
        assertThat(extract.get("published").asLong()).isEqualTo(expected);
        assertThat(extract.get("failed").asLong()).isZero();
        assertThat(extract.get("topic").asText()).isEqualTo("cli");

        // A second incremental run has nothing new to publish.
        assertThat(Main.run("extract", "--db", db, "--bootstrap", KAFKA.get().bootstrapServers(), "--topic", "cli",
                "--today", today, "--mode", "incremental")).isZero();
        assertThat(lastLine().get("published").asLong()).isZero();
        // Exactly-once (the default) left a copy of its watermark in the database: at-least-once goes on from it.
        assertThat(Main.run("extract", "--db", db, "--bootstrap", KAFKA.get().bootstrapServers(), "--topic", "cli",
                "--today", today, "--mode", "incremental", "--delivery", "at-least-once")).isZero();
        assertThat(lastLine().get("published").asLong()).isZero();
        assertThat(Main.run("extract", "--db", db, "--bootstrap", KAFKA.get().bootstrapServers(), "--topic", "cli",
                "--delivery", "twice")).isEqualTo(2);
    }

    @Test
    void anUnreachableBrokerExitsOneAndStillReportsTheCounts() throws Exception {
        Path csv = dir.resolve("products.csv");
        try (OutputStream o = Files.newOutputStream(csv)) {
            new ProductGenerator().write(ProductGenerator.Format.CSV, 200, o);
        }
        String db = "jdbc:sqlite:" + dir.resolve("p.db");
        assertThat(Main.run("load-csv", "--csv", csv.toString(), "--db", db)).isZero();
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }

        int code = Main.run("extract", "--db", db, "--bootstrap", "127.0.0.1:" + dead, "--topic", "x",
                "--today", ProductGenerator.DEFAULT_REFERENCE_DATE.toString(), "--connect-timeout", "1s");

        assertThat(code).isEqualTo(1);
        JsonNode summary = lastLine();
        assertThat(summary.get("selected").asLong()).isPositive();
        assertThat(summary.get("failed").asLong()).isEqualTo(summary.get("selected").asLong());
        assertThat(summary.get("published").asLong()).isZero();
        assertThat(console.err()).contains("not reachable within 1 s");
    }

    @Test
    void badInputExitsTwoNamingTheProblem() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "ean,styleNumber\n5713447649590,1\n");
        assertThat(Main.run("load-csv", "--csv", csv.toString(), "--db", "jdbc:sqlite:" + dir.resolve("p.db"))).isEqualTo(2);
        assertThat(console.err()).contains("the header lacks required columns styleOption");
        assertThat(console.out()).isEmpty();

        assertThat(Main.run("extract", "--db", "jdbc:sqlite:" + dir.resolve("p.db"), "--bootstrap", "127.0.0.1:1",
                "--today", "June 1st")).isEqualTo(2);
        assertThat(console.err()).contains("--today must be a date like 2024-06-01");

        assertThat(Main.run("extract", "--db", "mysql://x", "--bootstrap", "127.0.0.1:1")).isEqualTo(2);
        assertThat(console.err()).contains("DB_URL must start with jdbc:sqlite: or jdbc:postgresql:");
    }

    private JsonNode lastLine() throws Exception {
        String[] lines = console.out().strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    private static long count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
