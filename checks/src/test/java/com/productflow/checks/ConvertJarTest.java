package com.productflow.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * local/runner's productflow-convert.jar, the jar the launcher runs {@code convert} from (issue 17: a small jar opens
 * faster), alone on the class path in a fresh JVM: it writes the same XML and the same Parquet as productflow.jar, and
 * its picocli path (help, an argument file) and its failures work. A class its shade configuration leaves out by
 * mistake fails here, not in a user's hands.
 */
class ConvertJarTest {
    private static final Path TARGET = Repo.root().resolve("local/runner/target");
    private static final Path SAMPLE = Repo.root().resolve("samples/sample_products.json");

    @TempDir
    Path dir;

    record Run(int exit, String stdout, String stderr) {
    }

    @Test
    void isTheSmallJar() throws IOException {
        try (ZipFile small = new ZipFile(TARGET.resolve("productflow-convert.jar").toFile());
             ZipFile full = new ZipFile(TARGET.resolve("productflow.jar").toFile())) {
            assertThat(small.size()).as("entries").isLessThan(full.size() / 3);
            assertThat(small.getEntry("com/productflow/cli/Main.class")).isNotNull();
            assertThat(small.getEntry("org/apache/kafka/clients/producer/KafkaProducer.class")).isNull();
        }
    }

    @Test
    void writesTheSameXmlAndParquetAsTheFullJar() throws Exception {
        Path gz = dir.resolve("sample.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(SAMPLE, out);
        }
        for (String format : List.of("xml", "parquet")) {
            for (Path input : List.of(SAMPLE, gz)) {
                Path small = dir.resolve("small." + format);
                Path full = dir.resolve("full." + format);
                Run fromSmall = run("productflow-convert.jar", "convert", "--input", input.toString(), "--output", small.toString(), "--format", format);
                Run fromFull = run("productflow.jar", "convert", "--input", input.toString(), "--output", full.toString(), "--format", format);
                assertThat(fromSmall.exit()).as(format + ": " + fromSmall.stderr()).isZero();
                assertThat(fromFull.exit()).as(format + ": " + fromFull.stderr()).isZero();
                assertThat(fromSmall.stderr()).as("nothing on stderr (no logging set-up missing)").isEmpty();
                assertThat(fromSmall.stdout()).contains("\"format\":\"" + format + "\"", "\"records\":20");
                assertThat(sha256(small)).as(format + " from " + input.getFileName()).isEqualTo(sha256(full));
            }
        }
    }

    @Test
    void helpArgumentFilesAndFailuresWork() throws Exception {
        Run help = run("productflow-convert.jar", "convert", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.stdout()).contains("Usage: productflow convert", "--format=xml|parquet");

        Path args = dir.resolve("args.txt");
        Path xml = dir.resolve("from-args.xml");
        Files.writeString(args, "--input " + SAMPLE + " --output " + xml + "\n");
        assertThat(run("productflow-convert.jar", "convert", "@" + args).exit()).isZero();
        assertThat(xml).exists();

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[{\"ean\": }]");
        Run malformed = run("productflow-convert.jar", "convert", "--input", bad.toString(), "--output", dir.resolve("bad.xml").toString());
        assertThat(malformed.exit()).isEqualTo(2);
        assertThat(malformed.stderr()).startsWith("productflow convert: ");
        assertThat(dir.resolve("bad.xml")).doesNotExist();
        Run missing = run("productflow-convert.jar", "convert", "--input", SAMPLE.toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.stderr()).contains("Missing required option: '--output=PATH|-'");
    }

    private Run run(String jar, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", TARGET.resolve(jar).toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
