package com.productflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.productflow.common.Ean13;
import com.productflow.samples.ProductGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void writesTheFileAtomicallyAndPrintsOneSummaryLine() throws IOException {
        Path file = dir.resolve("p.jsonl");
        int code = Main.run("generate", "--format", "JSONL", "--count", "25", "--output", file.toString());
        assertThat(code).as(console.err()).isZero();
        String summary = console.out();
        assertThat(summary.lines()).hasSize(1);
        assertThat(summary).startsWith("{\"format\":\"jsonl\",\"records\":25,\"bytes\":" + Files.size(file) + ",\"output\":")
                .contains("\"seconds\":");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        new ProductGenerator(42).write(ProductGenerator.Format.JSONL, 25, expected);
        assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
        assertThat(listing()).containsExactly("p.jsonl"); // no temp file left behind
    }

    @Test
    void seedReferenceDateAndGzipAreHonoured() throws IOException {
        Path file = dir.resolve("p.csv.gz");
        int code = Main.run("generate", "--format", "csv", "--count", "40", "--seed", "7",
                "--reference-date", "2025-01-31", "--gzip", "--output", file.toString());
        assertThat(code).as(console.err()).isZero();
        byte[] csv;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            csv = in.readAllBytes();
        }
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        new ProductGenerator(7, LocalDate.of(2025, 1, 31)).write(ProductGenerator.Format.CSV, 40, expected);
        assertThat(csv).isEqualTo(expected.toByteArray());
        assertThat(console.out()).contains("\"gzip\":true", "\"uncompressedBytes\":" + csv.length);
    }

    @Test
    void stdoutGetsTheDataAndNoSummary() {
        int code = Main.run("generate", "--format", "csv", "--count", "3", "--output", "-");
        assertThat(code).isZero();
        String[] lines = console.out().split("\r\n");
        assertThat(lines[0]).startsWith("ean,styleNumber,");
        assertThat(Ean13.isValid(lines[1].substring(0, 13))).isTrue();
        assertThat(console.out()).doesNotContain("\"records\"");
    }

    @Test
    void sizeMbWritesAtLeastThatMuch() throws IOException {
        Path file = dir.resolve("p.json");
        assertThat(Main.run("generate", "--format", "json", "--size-mb", "1", "--output", file.toString())).isZero();
        assertThat(Files.size(file)).isBetween(1_000_000L, 1_010_000L);
    }

    @Test
    void badValuesExitTwoWithAClearMessageAndNoFile() throws IOException {
        String target = dir.resolve("x.json").toString();
        assertThat(Main.run("generate", "--format", "json", "--count", "-1", "--output", target)).isEqualTo(2);
        assertThat(console.err()).contains("--count must be >= 0, got -1");
        assertThat(Main.run("generate", "--format", "xml", "--count", "1", "--output", target)).isEqualTo(2);
        assertThat(console.err()).contains("unknown format 'xml'");
        assertThat(Main.run("generate", "--format", "json", "--count", "ten", "--output", target)).isEqualTo(2);
        assertThat(console.err()).contains("'ten'");
        assertThat(Main.run("generate", "--format", "json", "--output", target)).isEqualTo(2);
        assertThat(console.err()).contains("exactly one of --count or --size-mb");
        assertThat(Main.run("generate", "--format", "json", "--count", "1", "--reference-date", "2026-02-30",
                "--output", target)).isEqualTo(2);
        assertThat(console.err()).contains("'2026-02-30' is not a date");
        assertThat(Main.run("generate", "--format", "json", "--count", "1",
                "--output", dir.resolve("missing/x.json").toString())).isEqualTo(2);
        assertThat(console.err()).contains("folder does not exist");
        assertThat(listing()).isEmpty();
        assertThat(console.out()).isEmpty();
    }

    private java.util.List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
