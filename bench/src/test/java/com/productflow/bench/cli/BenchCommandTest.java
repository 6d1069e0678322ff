package com.productflow.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productflow.common.BadInputException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The generated-input flags of {@code bench convert} and {@code bench parquet}: one mixin, each command's own defaults. */
class BenchCommandTest {
    private static CommandLine.ParseResult parse(String... args) {
        return new CommandLine(new BenchCommand()).parseArgs(args);
    }

    private static GeneratedInput input(String... args) {
        Object command = parse(args).subcommand().commandSpec().userObject();
        return command instanceof BenchCommand.Convert convert ? convert.input : ((BenchCommand.Parquet) command).input;
    }

    @Test
    void eachCommandKeepsItsOwnDefaultsAndShowsThemInItsHelp() {
        assertThat(input("convert")).extracting(i -> i.sizeMb, i -> i.rounds, i -> i.dir, i -> i.keep)
                .containsExactly(500, 5, null, false);
        assertThat(input("parquet")).extracting(i -> i.sizeMb, i -> i.rounds).containsExactly(300, 3);
        CommandLine cli = new CommandLine(new BenchCommand());
        assertThat(cli.getSubcommands().get("convert").getUsageMessage())
                .contains("--size-mb=<sizeMb>", "Input size in MB (default 500)", "(default 5)", "--keep", "--replace");
        assertThat(cli.getSubcommands().get("parquet").getUsageMessage())
                .contains("Input size in MB (default 300)", "(default 3)", "--dir").doesNotContain("--replace");
    }

    @Test
    void theFlagsAreRead() {
        assertThat(input("parquet", "--size-mb", "7", "--rounds", "2", "--dir", "/tmp/x", "--keep"))
                .extracting(i -> i.sizeMb, i -> i.rounds, i -> i.dir, i -> i.keep)
                .containsExactly(7, 2, Path.of("/tmp/x"), true);
    }

    @Test
    void aSizeOrRoundsBelowOneIsBadInputBeforeAnythingIsGenerated(@TempDir Path dir) {
        BenchCommand.Convert convert = (BenchCommand.Convert) parse("convert", "--rounds", "0", "--dir", dir.toString())
                .subcommand().commandSpec().userObject();
        assertThatThrownBy(convert::call).isInstanceOf(BadInputException.class).hasMessageContaining("--rounds");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void competitorAndJavaOptionsAreForTheColdModeOnlyAndFailBeforeAnythingIsGenerated(@TempDir Path dir) {
        for (String[] flags : new String[][] {{"--competitor"}, {"--java-option", "-XX:TieredStopAtLevel=1"}}) {
            String[] args = java.util.stream.Stream.concat(Stream.of("convert", "--dir", dir.toString()), Stream.of(flags))
                    .toArray(String[]::new);
            BenchCommand.Convert convert = (BenchCommand.Convert) parse(args).subcommand().commandSpec().userObject();
            assertThatThrownBy(convert::call).isInstanceOf(BadInputException.class).hasMessageContaining("--cold only");
        }
        assertThat(dir).isEmptyDirectory();
        assertThat(new CommandLine(new BenchCommand()).getSubcommands().get("convert").getUsageMessage())
                .contains("--cold", "--competitor", "--java-option");
    }

    @Test
    void theColdRatiosAreParseOnlyOverConvertBestOverBestAndTheMedianOfRounds() {
        com.productflow.bench.cold.ColdConvertBenchmark.Figures f = new com.productflow.bench.cold.ColdConvertBenchmark.Figures(
                300_000_000L, new double[] {2.0, 3.0, 4.0}, new double[] {1.0, 1.2, 2.8}, 42_850, new double[] {0.4, 0.3, 0.5},
                false, "1 1 1", "1 1 1", new double[] {2.5, 3.0, 2.0}, new double[] {1.5, 1.0, 1.1});
        assertThat(f.bestRatio()).isEqualTo(0.5); // 1.0 / 2.0
        assertThat(f.medianRatio()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9)); // of 0.5, 0.4, 0.7
        assertThat(f.convertMBps()).isEqualTo(150.0);
        assertThat(f.cpuRatio()).isEqualTo(0.5); // 1.0 / 2.0
    }

    @Test
    void convertMeasuresOnGeneratedInputPrintsOneJsonLineAndDeletesTheInput(@TempDir Path dir) throws Exception {
        BenchCommand.Convert convert = (BenchCommand.Convert) parse("convert", "--size-mb", "1", "--rounds", "1",
                "--dir", dir.toString()).subcommand().commandSpec().userObject();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(convert.call()).isZero();
        } finally {
            System.setOut(stdout);
        }
        JsonNode line = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(line.get("inputBytes").asLong()).isGreaterThanOrEqualTo(1_000_000L);
        assertThat(line.get("records").asLong()).isPositive();
        assertThat(line.get("convertMBps").decimalValue().scale()).as("rounded to two places").isLessThanOrEqualTo(2);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("products-"));
        }
    }
}
