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
        assertTrue(line.matches("\\{\"records\":1,\"bytesIn\":\\d+,\"bytesOut\":" + xml.length
                + ",\"inputSha256\":\"" + Sha256.of(Files.readAllBytes(in)) + "\",\"outputSha256\":\"" + Sha256.of(xml)
                + "\",\"seconds\":[0-9.]+}"), line);
        assertTrue(new String(xml, StandardCharsets.UTF_8).contains("<v xsi:nil=\"true\"/>"));
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
