package com.productflow.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.productflow.common.io.Sha256;
import com.productflow.stack.s3.S3Stack;
import com.productflow.testsupport.LocalServer;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code s3-convert} and {@code verify} end to end against an in-process s3proxy. */
class S3CommandsTest {
    @RegisterExtension
    static final LocalServer<S3Stack> S3 = LocalServer.s3();
    private static S3Stack stack;
    private static S3Client s3;
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @BeforeAll
    static void start() {
        stack = S3.get();
        stack.createBucket("cli");
        s3 = stack.client();
        // Credentials reach the commands through the SDK's default chain (system properties come first).
        System.setProperty("aws.accessKeyId", S3Stack.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3Stack.SECRET_KEY);
    }

    @AfterAll
    static void stop() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        s3.close();
    }

    private int run(String... args) {
        return Main.run(args);
    }

    private String endpoint() {
        return stack.endpoint().toString();
    }

    @Test
    void verifyPrintsOneLineWhenTheChecksumMatches() {
        byte[] data = "<products/>".getBytes(UTF_8);
        s3.putObject(r -> r.bucket("cli").key("ok.xml").metadata(Map.of("sha256", Sha256.of(data))), RequestBody.fromBytes(data));
        int code = run("verify", "s3://cli/ok.xml", "--endpoint", endpoint());
        assertThat(code).as(console.err()).isZero();
        assertThat(console.out().lines()).hasSize(1);
        assertThat(console.out()).startsWith("{\"object\":\"s3://cli/ok.xml\",\"bytes\":11,\"sha256\":\"" + Sha256.of(data)
                + "\",\"matches\":true,\"seconds\":");
    }

    @Test
    void verifyExitsTwoOnATamperedObjectOrOneWithoutChecksum() {
        s3.putObject(r -> r.bucket("cli").key("bad.xml").metadata(Map.of("sha256", Sha256.of(new byte[1]))),
                RequestBody.fromString("tampered"));
        assertThat(run("verify", "s3://cli/bad.xml", "--endpoint", endpoint())).isEqualTo(2);
        assertThat(console.err()).contains("SHA-256 mismatch").contains(Sha256.of(new byte[1]));
        assertThat(console.out()).isEmpty();

        s3.putObject(r -> r.bucket("cli").key("plain.xml"), RequestBody.fromString("no checksum"));
        assertThat(run("verify", "s3://cli/plain.xml", "--endpoint", endpoint())).isEqualTo(2);
        assertThat(console.err()).contains("no sha256 metadata");
    }

    @Test
    void badUrisAndMissingObjectsAreBadInput() {
        assertThat(run("verify", "/local/file", "--endpoint", endpoint())).isEqualTo(2);
        assertThat(run("verify", "s3://cli/does-not-exist", "--endpoint", endpoint())).isEqualTo(2);
        assertThat(run("s3-convert", "--input", "s3://cli", "--output", "s3://cli/x.xml", "--endpoint", endpoint())).isEqualTo(2);
        assertThat(run("s3-convert", "--input", "s3://cli/missing.json", "--output", "s3://cli/x.xml",
                "--endpoint", endpoint())).isEqualTo(2);
        assertThat(run("s3-convert", "--input", "s3://cli/a.json", "--output", "s3://cli/x.xml",
                "--expect-sha256", "nothex", "--endpoint", endpoint())).isEqualTo(2);
        assertThat(console.err()).contains("no such object: s3://cli/missing.json").contains("64 hex digits");
        assertThat(s3.listObjectsV2(r -> r.bucket("cli").prefix("x.xml")).contents()).isEmpty();
    }

    @Test
    void s3ConvertWritesTheXmlWithItsChecksumAndVerifyAgrees() throws Exception {
        java.io.ByteArrayOutputStream json = new java.io.ByteArrayOutputStream();
        new com.productflow.samples.ProductGenerator(42).write(com.productflow.samples.ProductGenerator.Format.JSON, 50, json);
        byte[] input = json.toByteArray();
        s3.putObject(r -> r.bucket("cli").key("in/products.json"), RequestBody.fromBytes(input));

        int code = run("s3-convert", "--input", "s3://cli/in/products.json", "--output", "s3://cli/out/products.xml",
                "--expect-sha256", Sha256.of(input), "--endpoint", endpoint());
        assertThat(code).as(console.err()).isZero();
        String line = console.out();
        assertThat(line.lines()).hasSize(1);
        byte[] xml = s3.getObjectAsBytes(r -> r.bucket("cli").key("out/products.xml")).asByteArray();
        assertThat(line).startsWith("{\"input\":\"s3://cli/in/products.json\",\"output\":\"s3://cli/out/products.xml\","
                + "\"format\":\"xml\",\"records\":50,\"bytesIn\":" + input.length + ",\"bytesOut\":" + xml.length
                + ",\"inputSha256\":\"" + Sha256.of(input) + "\",\"outputSha256\":\"" + Sha256.of(xml) + "\"");
        assertThat(new String(xml, UTF_8)).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>").contains("<product>");
        assertThat(s3.headObject(r -> r.bucket("cli").key("out/products.xml")).metadata()).containsEntry("sha256", Sha256.of(xml));

        console.reset();
        assertThat(run("verify", "s3://cli/out/products.xml", "--endpoint", endpoint())).isZero();
        assertThat(console.out()).contains("\"matches\":true");
    }

    @Test
    void s3ConvertWritesParquetWithItsChecksum() throws Exception {
        java.io.ByteArrayOutputStream json = new java.io.ByteArrayOutputStream();
        new com.productflow.samples.ProductGenerator(43).write(com.productflow.samples.ProductGenerator.Format.JSONL, 40, json);
        byte[] input = json.toByteArray();
        s3.putObject(r -> r.bucket("cli").key("in/p.jsonl"), RequestBody.fromBytes(input));
        int code = run("s3-convert", "--format", "parquet", "--input", "s3://cli/in/p.jsonl", "--output",
                "s3://cli/parquet/in/p.jsonl.parquet", "--endpoint", endpoint());
        assertThat(code).as(console.err()).isZero();
        byte[] parquet = s3.getObjectAsBytes(r -> r.bucket("cli").key("parquet/in/p.jsonl.parquet")).asByteArray();
        assertThat(console.out()).contains("\"format\":\"parquet\",\"records\":40,")
                .contains("\"outputSha256\":\"" + Sha256.of(parquet) + "\"");
        assertThat(new String(parquet, 0, 4, UTF_8)).isEqualTo("PAR1");
        assertThat(s3.headObject(r -> r.bucket("cli").key("parquet/in/p.jsonl.parquet")).metadata())
                .containsEntry("sha256", Sha256.of(parquet));
        assertThat(run("s3-convert", "--format", "parquet", "--input", "s3://cli/in/p.jsonl", "--endpoint", endpoint())).isEqualTo(2);
    }

    @Test
    void s3ConvertRefusesACorruptedInputAndMalformedJsonWithoutOutput() {
        s3.putObject(r -> r.bucket("cli").key("in/changed.json"), RequestBody.fromString("[{\"ean\":\"1\"}]"));
        assertThat(run("s3-convert", "--input", "s3://cli/in/changed.json", "--output", "s3://cli/out/changed.xml",
                "--expect-sha256", "0".repeat(64), "--endpoint", endpoint())).isEqualTo(2);
        assertThat(console.err()).contains("SHA-256 mismatch");

        s3.putObject(r -> r.bucket("cli").key("in/broken.json"), RequestBody.fromString("[{\"ean\": tru"));
        assertThat(run("s3-convert", "--input", "s3://cli/in/broken.json", "--output", "s3://cli/out/broken.xml",
                "--endpoint", endpoint())).isEqualTo(2);
        assertThat(console.out()).isEmpty();
        assertThat(s3.listObjectsV2(r -> r.bucket("cli").prefix("out/changed")).contents()).isEmpty();
        assertThat(s3.listObjectsV2(r -> r.bucket("cli").prefix("out/broken")).contents()).isEmpty();
        assertThat(s3.listMultipartUploads(r -> r.bucket("cli")).uploads()).isEmpty();
    }

    @Test
    void deadServerIsExitCodeOne() {
        assertThat(run("verify", "s3://cli/ok.xml", "--endpoint", "http://127.0.0.1:1", "--parallelism", "1")).isEqualTo(1);
        assertThat(console.err()).contains("productflow verify:");
    }

    @Test
    void invalidSettingIsBadInput() {
        assertThat(run("verify", "s3://cli/ok.xml", "--endpoint", "ftp://nowhere")).isEqualTo(2);
        assertThat(console.err()).contains("AWS_ENDPOINT_URL_S3");
        assertThat(run("verify", "s3://cli/ok.xml", "--endpoint", endpoint(), "--part-size", "1KiB")).isEqualTo(2);
        assertThat(console.err()).contains("S3_PART_SIZE");
    }
}
