package com.productflow.stack.dynamo;

import com.productflow.stack.node.NodeTools;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DynaliteTest {
    @Test
    void findsTheRepositoryRoot() {
        assertThat(NodeTools.projectRoot().resolve("package.json")).isRegularFile();
        assertThat(NodeTools.projectRoot().resolve("pom.xml")).isRegularFile();
    }

    @Test
    void startsOnLoopbackAnswersAndStopsByPid() throws Exception {
        Dynalite dynalite = Dynalite.start();
        ProcessHandle handle = ProcessHandle.of(dynalite.pid()).orElseThrow();
        try {
            assertThat(dynalite.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(handle.isAlive()).isTrue();
            assertThat(handle.info().commandLine().orElse("")).contains("dynalite");
            assertThat(call(dynalite, "ListTables", "{}")).contains("TableNames");
        } finally {
            dynalite.close();
        }
        handle.onExit().get(10, TimeUnit.SECONDS);
        assertThat(handle.isAlive()).isFalse();
        assertThat(dynalite.isRunning()).isFalse();
    }

    /** A JVM killed with SIGKILL runs no shutdown hook: the watchdog must still end its dynalite. */
    @Test
    void dynaliteDiesWithAKilledParentJvm() throws Exception {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                DynaliteChildMain.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        ProcessHandle dynalite;
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
            String pid = out.readLine();
            assertThat(pid).as("child printed the dynalite PID").matches("\\d+");
            dynalite = ProcessHandle.of(Long.parseLong(pid)).orElseThrow();
            assertThat(dynalite.isAlive()).isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks
        }
        child.waitFor(10, TimeUnit.SECONDS);
        try {
            dynalite.onExit().get(10, TimeUnit.SECONDS);
        } finally {
            dynalite.destroyForcibly(); // only if the watchdog failed, so nothing is left behind
        }
        assertThat(dynalite.isAlive()).isFalse();
    }

    @Test
    void aDataFolderKeepsTablesAcrossRestarts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data) throws Exception {
        try (Dynalite first = Dynalite.start(java.util.Optional.of(data))) {
            call(first, "CreateTable", "{\"TableName\":\"kept-table\",\"BillingMode\":\"PAY_PER_REQUEST\","
                    + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                    + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]}");
        }
        try (Dynalite second = Dynalite.start(java.util.Optional.of(data))) {
            assertThat(call(second, "ListTables", "{}")).contains("kept-table");
        }
        try (Dynalite inMemory = Dynalite.start()) {
            assertThat(call(inMemory, "ListTables", "{}")).doesNotContain("kept-table");
        }
    }

    @Test
    void itemsSurviveAKill9OfTheServer(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data) throws Exception {
        try (Dynalite first = Dynalite.start(java.util.Optional.of(data))) {
            call(first, "CreateTable", "{\"TableName\":\"files\",\"BillingMode\":\"PAY_PER_REQUEST\","
                    + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                    + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]}");
            awaitActive(first, "files");
            call(first, "PutItem", "{\"TableName\":\"files\",\"Item\":{\"pk\":{\"S\":\"b/k\"},\"status\":{\"S\":\"COMPLETED\"}}}");
            ProcessHandle server = ProcessHandle.of(first.pid()).orElseThrow();
            server.destroyForcibly(); // SIGKILL: no chance to flush anything
            server.onExit().get(10, TimeUnit.SECONDS);
        }
        try (Dynalite second = Dynalite.start(java.util.Optional.of(data))) {
            assertThat(call(second, "GetItem", "{\"TableName\":\"files\",\"Key\":{\"pk\":{\"S\":\"b/k\"}}}"))
                    .contains("COMPLETED");
        }
    }

    /**
     * dynalite writes an item's index entries, then the item; a kill between them (a registration cut short) leaves an
     * index entry no item backs, which a Query of the index returns for ever. The next start on the folder removes it,
     * keeps every entry an item backs, and says so on stderr.
     */
    @Test
    void anIndexEntryACrashLeftWithoutItsItemIsGoneAfterTheNextStart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data)
            throws Exception {
        try (Dynalite first = Dynalite.start(java.util.Optional.of(data))) {
            call(first, "CreateTable", "{\"TableName\":\"files\",\"BillingMode\":\"PAY_PER_REQUEST\","
                    + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                    + "{\"AttributeName\":\"status\",\"AttributeType\":\"S\"}],"
                    + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"
                    + "\"GlobalSecondaryIndexes\":[{\"IndexName\":\"by-status\",\"KeySchema\":[{\"AttributeName\":\"status\","
                    + "\"KeyType\":\"HASH\"}],\"Projection\":{\"ProjectionType\":\"ALL\"}}]}");
            awaitActive(first, "files");
            call(first, "PutItem", "{\"TableName\":\"files\",\"Item\":{\"pk\":{\"S\":\"kept\"},\"status\":{\"S\":\"PENDING\"}}}");
            call(first, "PutItem", "{\"TableName\":\"files\",\"Item\":{\"pk\":{\"S\":\"cut\"},\"status\":{\"S\":\"PENDING\"}}}");
        }
        // What the kill left: the index entry of "cut" written, the item itself not.
        String deleteItem = "const {Level}=require('module').createRequire(require('path').resolve(process.argv[1]))('level');"
                + "(async()=>{const db=new Level(process.argv[2],{valueEncoding:'json'});await db.open();"
                + "for await (const [k,v] of db.iterator({gte:'item-files~',lt:'item-files\\x7f'})) if (v.pk.S==='cut') await db.del(k);"
                + "await db.close();})()";
        java.nio.file.Path cli = NodeTools.ensureInstalled(NodeTools.projectRoot(), "dynalite", "cli.js");
        Process node = new ProcessBuilder(NodeTools.nodeBinary(), "-e", deleteItem, cli.toString(), data.toString())
                .redirectErrorStream(true).start();
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(new String(node.getInputStream().readAllBytes())).isZero();

        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(stderr, true, java.nio.charset.StandardCharsets.UTF_8));
        try (Dynalite second = Dynalite.start(java.util.Optional.of(data))) {
            String pending = call(second, "Query", "{\"TableName\":\"files\",\"IndexName\":\"by-status\","
                    + "\"KeyConditionExpression\":\"#s = :s\",\"ExpressionAttributeNames\":{\"#s\":\"status\"},"
                    + "\"ExpressionAttributeValues\":{\":s\":{\"S\":\"PENDING\"}}}");
            assertThat(pending).contains("\"kept\"").doesNotContain("\"cut\"");
        } finally {
            System.setErr(original);
        }
        assertThat(stderr.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("dynamodb: repaired the indexes a crash left inconsistent: 1 entries without their item removed");
    }

    /** CreateTable answers before the table is ACTIVE (dynalite creates it asynchronously, as DynamoDB does). */
    private static void awaitActive(Dynalite dynalite, String table) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!call(dynalite, "DescribeTable", "{\"TableName\":\"" + table + "\"}").contains("\"ACTIVE\"")) {
            assertThat(System.nanoTime()).as("table %s ACTIVE within 10 s", table).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** One DynamoDB API call, signed with a placeholder (dynalite does not check signatures). */
    private static String call(Dynalite dynalite, String action, String json) throws java.io.IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(dynalite.endpoint() + "/").toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("X-Amz-Target", "DynamoDB_20120810." + action);
        connection.setRequestProperty("Content-Type", "application/x-amz-json-1.0");
        connection.setRequestProperty("Authorization",
                "AWS4-HMAC-SHA256 Credential=a/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x");
        connection.setRequestProperty("X-Amz-Date", "20260101T000000Z");
        connection.getOutputStream().write(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(connection.getResponseCode()).as(action).isEqualTo(200);
        return new String(connection.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void twoServersGetTwoPorts() {
        try (Dynalite a = Dynalite.start(); Dynalite b = Dynalite.start()) {
            assertThat(a.port()).isNotEqualTo(b.port());
            assertThat(a.isRunning() && b.isRunning()).isTrue();
        }
    }

    @Test
    void theSharedServerIsReused() {
        assertThat(Dynalite.shared()).isSameAs(Dynalite.shared());
        assertThat(Files.isRegularFile(NodeTools.projectRoot().resolve("node_modules/dynalite/cli.js"))).isTrue();
    }
}
