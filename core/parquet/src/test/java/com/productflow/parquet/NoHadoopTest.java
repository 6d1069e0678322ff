package com.productflow.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer runs with no Hadoop class on the class path (as in the Lambda jar). */
class NoHadoopTest {
    @TempDir
    Path dir;

    @Test
    void convertsInAJvmWithoutHadoop() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("/org/apache/hadoop/"))
                .collect(Collectors.joining(File.pathSeparator));
        Path in = dir.resolve("in.json");
        Files.writeString(in, "[{\"ean\":\"1\",\"itemSellingPrices\":[{\"price\":9.5}]}]");
        Path out = dir.resolve("out.parquet");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, ConvertWithoutHadoop.class.getName(), in.toString(), out.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        assertThat(output).contains("no hadoop");
        List<Map<String, Object>> rows = ParquetRows.read(out);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("ean")).isEqualTo("1");
    }
}
