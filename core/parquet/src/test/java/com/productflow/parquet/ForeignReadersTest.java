package com.productflow.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productflow.convert.FileConversion;
import com.productflow.convert.ProgressListener;
import com.productflow.samples.ProductGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our files read by readers no one here wrote: pyarrow and DuckDB (Python), row for row equal to what
 * parquet-java reads (which {@link RoundTripTest} compares with the input). The Python is the one in
 * {@code PRODUCTFLOW_PYTHON}, else {@code python3} on the PATH; a reader it cannot import is skipped,
 * loudly, on stderr and in the test report.
 */
class ForeignReadersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    @TempDir
    static Path dir;

    static Path file;

    @BeforeAll
    static void convert() throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new ProductGenerator(23).write(ProductGenerator.Format.JSONL, 2000, json);
        json.write(("{\"ean\":\"x\",\"unknown\":{\"a\":[1.50]},\"size\":7,\"itemSellingPrices\":[null,{\"price\":-0.5}],"
                + "\"createdOn\":\"2026-01-01T00:00:00.000001+01:00\",\"washingInstructions\":[null,\"é\"]}\n{}\n")
                .getBytes(StandardCharsets.UTF_8));
        file = dir.resolve("products.parquet");
        FileConversion.convert(new JsonToParquetConverter(ParquetOptions.defaults().withRowGroupBytes(512 << 10)),
                new ByteArrayInputStream(json.toByteArray()), file, ProgressListener.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pyarrow", "duckdb"})
    void foreignReaderSeesTheSameRows(String reader) throws Exception {
        String python = python(reader);
        if (python == null) {
            String message = "!!!!! SKIPPED: no python3 that can import " + reader + " (set PRODUCTFLOW_PYTHON);"
                    + " our Parquet was NOT read by " + reader + " !!!!!";
            System.err.println(message);
            org.junit.jupiter.api.Assumptions.abort(message);
        }
        Path script = dir.resolve("read_parquet.py");
        try (InputStream in = getClass().getResourceAsStream("read_parquet.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process p = new ProcessBuilder(python, script.toString(), reader, file.toString()).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();

        List<JsonNode> theirs = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                theirs.add(JSON.readTree(line));
            }
        }
        List<Map<String, Object>> ours = ParquetRows.read(file);
        assertThat(theirs).hasSize(ours.size()).hasSize(2002);
        for (int i = 0; i < ours.size(); i++) {
            assertThat(theirs.get(i)).as("%s row %d", reader, i).isEqualTo(JSON.valueToTree(normalized(ours.get(i))));
        }
        assertThat(theirs.get(2000).get("extra").get("unknown").asText()).isEqualTo("{\"a\":[1.50]}");
        assertThat(theirs.get(2000).get("createdOn").asText()).isEqualTo("2025-12-31T23:00:00.000001Z");
    }

    /** parquet-java's values in the script's normal form. */
    private static Object normalized(Object v) {
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Instant i) {
            return MICROS.format(i);
        }
        if (v instanceof java.time.LocalDate d) {
            return d.toString();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put((String) k, normalized(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(normalized(x)));
            return out;
        }
        return v;
    }

    private static String python(String module) throws InterruptedException {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("PRODUCTFLOW_PYTHON");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(folder, "python3");
            if (Files.isExecutable(p)) {
                candidates.add(p.toString());
            }
        }
        for (String candidate : candidates) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import " + module).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not runnable: try the next one
            }
        }
        return null;
    }
}
