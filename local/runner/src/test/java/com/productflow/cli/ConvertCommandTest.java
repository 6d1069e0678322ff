package com.productflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productflow.common.io.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    @Test
    void convertsAFileAndPrintsTheSummary() throws Exception {
        Path in = dir.resolve("p.json");
        Files.writeString(in, "[{\"ean\":\"5713447649590\",\"v\":null}]");
        Path out = dir.resolve("p.xml");
        assertEquals(0, Main.run("convert", "--input", in.toString(), "--output", out.toString(), "--nulls", "nil", "--strict"));
        String line = stdout.toString(StandardCharsets.UTF_8).strip();
        byte[] xml = Files.readAllBytes(out);
        assertTrue(line.matches("\\{\"format\":\"xml\",\"records\":1,\"bytesIn\":\\d+,\"bytesOut\":" + xml.length
                + ",\"inputSha256\":\"" + Sha256.of(Files.readAllBytes(in)) + "\",\"outputSha256\":\"" + Sha256.of(xml)
                + "\",\"seconds\":[0-9.]+}"), line);
        assertTrue(new String(xml, StandardCharsets.UTF_8).contains("<v xsi:nil=\"true\"/>"));
    }

    @Test
    void convertsToParquetAndIndentsXmlOnRequest() throws Exception {
        Path in = dir.resolve("p.json");
        Files.writeString(in, "[{\"ean\":\"1\",\"itemSellingPrices\":[{\"price\":9.99}]},{\"ean\":\"2\"}]");
        Path parquet = dir.resolve("p.parquet");
        assertEquals(0, Main.run("convert", "--format", "parquet", "--input", in.toString(), "--output", parquet.toString()));
        byte[] bytes = Files.readAllBytes(parquet);
        assertTrue(stdout.toString(StandardCharsets.UTF_8).startsWith("{\"format\":\"parquet\",\"records\":2,"));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("\"outputSha256\":\"" + Sha256.of(bytes) + "\""));
        assertEquals("PAR1", new String(bytes, 0, 4, StandardCharsets.US_ASCII));

        Path plain = dir.resolve("plain.xml");
        Path indented = dir.resolve("indented.xml");
        assertEquals(0, Main.run("convert", "--input", in.toString(), "--output", plain.toString()));
        assertEquals(0, Main.run("convert", "--indent", "--input", in.toString(), "--output", indented.toString()));
        assertTrue(Files.readString(plain).contains("<product><ean>1</ean><itemSellingPrices>"));
        assertTrue(Files.readString(indented).contains("  <product>\n    <ean>1</ean>\n    <itemSellingPrices>\n      <price>\n"
                + "        <price>9.99</price>\n"), Files.readString(indented));

        assertEquals(2, Main.run("convert", "--format", "csv", "--input", in.toString(), "--output", plain.toString()));
        assertEquals(2, Main.run("convert", "--format", "parquet", "--indent", "--input", in.toString(), "--output", parquet.toString()));
    }

    @Test
    void wrongTypeRejectIsBadInputNamingRecordAndField() throws Exception {
        Path in = dir.resolve("p.json");
        Files.writeString(in, "[{\"ean\":\"1\"},{\"b2bReadinessDate\":\"2026-02-30\"}]");
        Path out = dir.resolve("p.parquet");
        assertEquals(2, Main.run("convert", "--format", "parquet", "--wrong-type", "reject", "--input", in.toString(),
                "--output", out.toString()));
        String err = stderr.toString(StandardCharsets.UTF_8);
        assertTrue(err.contains("field b2bReadinessDate is the string '2026-02-30', expected date") && err.contains("record index 1"), err);
        assertFalse(Files.exists(out));
    }

    @Test
    void schemaPrintsEachPublishedSchema() throws Exception {
        assertEquals(0, Main.run("schema", "xsd"));
        assertEquals(Files.readString(Path.of("../../docs/schemas/product-feed.xsd")), stdout.toString(StandardCharsets.UTF_8));
        stdout.reset();
        assertEquals(0, Main.run("schema", "parquet"));
        assertEquals(Files.readString(Path.of("../../docs/schemas/product.parquet.txt")), stdout.toString(StandardCharsets.UTF_8));
        stdout.reset();
        assertEquals(0, Main.run("schema", "json-schema"));
        assertEquals(Files.readString(Path.of("../../docs/schemas/product-message.schema.json")), stdout.toString(StandardCharsets.UTF_8));
        assertEquals(2, Main.run("schema", "avro"));
    }

    @Test
    void badInputExitsTwoWithTheLocationAndNoOutputFile() throws Exception {
        Path in = dir.resolve("p.json");
        Files.writeString(in, "[{\"ean\":\"1\"},\n 42]");
        Path out = dir.resolve("p.xml");
        assertEquals(2, Main.run("convert", "--input", in.toString(), "--output", out.toString()));
        String err = stderr.toString(StandardCharsets.UTF_8);
        assertTrue(err.contains("record index 1") && err.contains("line 2"), err);
        assertFalse(Files.exists(out));
        assertEquals(1, Files.list(dir).count(), "no temp file left behind");
        assertEquals("", stdout.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBadSettingExitsTwoNamingIt() {
        assertEquals(2, Main.run("convert", "--input", "x", "--output", "y", "--nulls", "maybe"));
        assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("CONVERT_NULLS"));
    }
}
