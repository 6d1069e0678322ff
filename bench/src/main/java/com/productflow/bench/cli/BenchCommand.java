package com.productflow.bench.cli;

import com.productflow.bench.ConvertBenchmark;
import com.productflow.bench.KafkaBench;
import com.productflow.bench.ParquetBenchmark;
import com.productflow.bench.cold.ColdConvertBenchmark;
import com.productflow.bench.cold.FirstConversionBench;
import com.productflow.common.ProductflowException;
import com.productflow.common.json.SummaryLine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code productflow bench ...}: on-demand benchmarks, each against a reference measured in the same
 * run. A program of its own ({@code bench/target/productflow-bench.jar}, started by the launcher), so
 * the productflow command line does not depend on the benchmarks. Exit codes as the CLI's.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs a benchmark against a reference measured in the same run.",
        subcommands = {BenchCommand.Convert.class, BenchCommand.Parquet.class, BenchCommand.Kafka.class, S3BenchCommand.class, BenchCommand.ColdStart.class})
public final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-bench.xml");
        }
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setExecutionExceptionHandler((e, failed, parsed) ->
                ProductflowException.report(e, failed.getErr(), "productflow " + failed.getCommandName()));
        System.exit(cli.execute(args));
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a benchmark is required (e.g. bench convert, bench kafka)");
    }

    @Command(name = "convert", mixinStandardHelpOptions = true,
            description = {"Generates product JSON, then measures Jackson parse-only and our conversion to a file on the same bytes.",
                "Prints the figures on stderr and one JSON line on stdout."})
    static final class Convert implements Callable<Integer> {
        @Mixin
        GeneratedInput input = new GeneratedInput(500, ConvertBenchmark.DEFAULT_ROUNDS);

        @Option(names = "--replace", description = {"Convert onto the previous round's output (replace an existing file)",
            "instead of into a new file each round."})
        boolean replace;

        @Option(names = "--cold", description = {"Whole process against whole process: ./productflow convert vs Jackson parse-only in",
            "its own JVM, JVM start included, alternating (input 300 MB unless --size-mb); then the 42 KB sample."})
        boolean cold;

        @Option(names = "--competitor", description = {"With --cold: one CPU-bound busy-loop process runs during both sides."})
        boolean competitor;

        @Option(names = "--java-option", description = {"With --cold: a JVM option for the conversions (their JAVA_OPTS), e.g.",
            "-XX:TieredStopAtLevel=1 (repeatable); the reference keeps the defaults."})
        java.util.List<String> javaOptions = new java.util.ArrayList<>();

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if ((competitor || !javaOptions.isEmpty()) && !cold) {
                throw new com.productflow.common.BadInputException("--competitor and --java-option apply to --cold only");
            }
            if (cold) {
                if (!spec.commandLine().getParseResult().hasMatchedOption("--size-mb")) {
                    input.sizeMb = COLD_SIZE_MB;
                }
                return input.run(this::cold);
            }
            return input.run((products, work) -> {
                ConvertBenchmark.Figures f = ConvertBenchmark.measure(products, work, input.rounds, replace, System.err);
                System.err.print(ConvertBenchmark.report(f));
                System.out.println(new SummaryLine()
                        .put("inputBytes", f.inputBytes())
                        .put("records", f.records())
                        .put("replace", replace)
                        .put("jacksonTokensMBps", round(f.tokensMBps()))
                        .put("jacksonTokensTextMBps", round(f.tokensTextMBps()))
                        .put("convertMBps", round(f.convertMBps()))
                        .put("ratio", round(f.ratioToTokens()))
                        .put("ratioToTokensText", round(f.ratioToTokensText()))
                        .put("medianRoundRatio", round(f.medianRoundRatio()))
                        .put("convertCpuMBps", round(f.convertCpuMBps()))
                        .put("jacksonTokensCpuMBps", round(f.tokensCpuMBps()))
                        .put("criticalPathRatio", round(f.criticalPathRatio()))
                        .put("peakHeapBytes", f.peakHeapBytes())
                        .put("peakRssBytes", f.peakRssBytes()));
            });
        }

        private void cold(Path products, Path work) throws Exception {
            Path root = Path.of(System.getProperty("productflow.home", "")).toAbsolutePath();
            ColdConvertBenchmark.Figures f = ColdConvertBenchmark.measure(
                    new ColdConvertBenchmark.Setup(root, root.resolve("bench/target/productflow-bench.jar"), work, javaOptions),
                    products, root.resolve("samples/sample_products.json"), input.rounds, competitor, System.err);
            System.err.print(ColdConvertBenchmark.report(f));
            System.out.println(new SummaryLine()
                    .put("mode", competitor ? "cold+competitor" : "cold")
                    .put("javaOptions", String.join(" ", javaOptions))
                    .put("inputBytes", f.inputBytes())
                    .put("convertBestSeconds", round(ColdConvertBenchmark.min(f.convertSeconds())))
                    .put("parseOnlyBestSeconds", round(ColdConvertBenchmark.min(f.parseSeconds())))
                    .put("bestRatio", round(f.bestRatio()))
                    .put("medianRatio", round(f.medianRatio()))
                    .put("cpuRatio", round(f.cpuRatio()))
                    .put("sampleBestSeconds", round(ColdConvertBenchmark.min(f.sampleSeconds())))
                    .put("sampleMedianSeconds", round(ConvertBenchmark.median(f.sampleSeconds())))
                    .put("loadBefore", f.loadBefore())
                    .put("loadAfter", f.loadAfter()));
        }
    }

    /** The size for the whole-process comparison: large enough that the JVM start is not all of it. */
    static final int COLD_SIZE_MB = 300;

    @Command(name = "parquet", mixinStandardHelpOptions = true,
            description = {"Generates product JSON, then converts it to Parquet (zstd) with ours and with DuckDB's COPY",
                "(when a python3 with duckdb is found: PRODUCTFLOW_PYTHON or PATH), alternating rounds, best of each.",
                "Prints the figures on stderr and one JSON line on stdout."})
    static final class Parquet implements Callable<Integer> {
        @Mixin
        GeneratedInput input = new GeneratedInput(300, 3);

        @Override
        public Integer call() throws Exception {
            return input.run((products, work) -> {
                ParquetBenchmark.Figures f = ParquetBenchmark.measure(products, work, input.rounds, System.err);
                System.err.print(ParquetBenchmark.report(f));
                System.out.println(new SummaryLine()
                        .put("inputBytes", f.inputBytes())
                        .put("records", f.records())
                        .put("oursMBps", round(f.oursMBps()))
                        .put("oursCpuMBps", round(f.oursCpuMBps()))
                        .put("oursBytes", f.oursBytes())
                        .put("duckdbMBps", round(f.duckdbMBps()))
                        .put("duckdbBytes", f.duckdbBytes())
                        .put("speedRatio", round(f.speedRatio()))
                        .put("sizeRatio", BigDecimal.valueOf(f.sizeRatio()).setScale(3, RoundingMode.HALF_UP))
                        .put("peakHeapBytes", f.peakHeapBytes()));
            });
        }
    }

    /** A figure of the JSON line: two decimals. */
    static BigDecimal round(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }

    @Command(name = "coldstart", mixinStandardHelpOptions = true,
            description = {"Cold start of every Lambda function from its own jar (build them first: make functions, or --build):",
                "a fresh JVM per function, handler constructed, its SnapStart hooks run (priming), then invoked once on its sample",
                "event against local servers. Then ConvertFunction's first conversion of a local file vs its warm conversion.",
                "Prints the table on stderr and one JSON line on stdout; exit 1 if a function gave no response."})
    static final class ColdStart implements Callable<Integer> {
        @Option(names = "--rounds", defaultValue = "3", description = "Fresh JVMs per function; the median counts (default ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--java-option", description = "An extra JVM option for the function JVMs, e.g. -Xlog:class+load (repeatable).")
        java.util.List<String> javaOptions = new java.util.ArrayList<>();

        @Option(names = "--build", description = "Build the function jars first (make functions, tests skipped).")
        boolean build;

        @Option(names = "--only", split = ",", description = "Only these functions (logical ids, comma-separated), e.g. ExtractFunction.")
        java.util.List<String> only = new java.util.ArrayList<>();

        @Option(names = "--convert-size-mb", defaultValue = "50",
                description = "The local file of ConvertFunction's first-conversion figure, in MB (default ${DEFAULT-VALUE}).")
        int convertSizeMb;

        @Override
        public Integer call() throws Exception {
            if (rounds < 1) {
                throw new com.productflow.common.BadInputException("--rounds must be at least 1");
            }
            Path root = Path.of(System.getProperty("productflow.home", "")).toAbsolutePath();
            if (build) {
                Process make = new ProcessBuilder("make", "--no-print-directory", "functions").directory(root.toFile())
                        .redirectOutput(ProcessBuilder.Redirect.to(new java.io.File("/dev/stderr")))
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                if (make.waitFor() != 0) {
                    throw new com.productflow.common.ProductflowException("make functions failed (exit " + make.exitValue() + ")");
                }
            }
            com.productflow.coldstart.ColdStartBenchmark.Report report =
                    com.productflow.coldstart.ColdStartBenchmark.run(root,
                            new com.productflow.coldstart.ColdStartBenchmark.Options(rounds, javaOptions, only, java.util.Map.of()), System.err);
            System.err.print(com.productflow.coldstart.ColdStartBenchmark.table(report));
            SummaryLine line = new SummaryLine().put("rounds", rounds).put("referenceMs", Math.round(report.referenceMs()));
            for (com.productflow.coldstart.ColdStartBenchmark.Result r : report.results()) {
                line.put(r.function() + "JarBytes", r.jarBytes());
                line.put(r.function() + "ColdStartMs", r.ok() ? Math.round(r.coldStartMs()) : -1);
            }
            if (only.isEmpty() || only.contains("ConvertFunction")) {
                firstConversion(root, convertSizeMb, line);
            }
            System.out.println(line);
            boolean allOk = report.results().stream().allMatch(com.productflow.coldstart.ColdStartBenchmark.Result::ok);
            if (!allOk) {
                throw new com.productflow.common.ProductflowException("some functions gave no response (see the table)");
            }
            return 0;
        }
    }

    /** ConvertFunction's first conversion after priming vs warm, and without priming; the figures go on {@code line}. */
    static void firstConversion(Path root, int sizeMb, SummaryLine line) throws Exception {
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "productflow-bench");
        Path input = ConvertBenchmark.products(work, sizeMb, System.err);
        FirstConversionBench.Figures unprimed = FirstConversionBench.run(root, input, false, work);
        FirstConversionBench.Figures primed = FirstConversionBench.run(root, input, true, work);
        System.err.print(FirstConversionBench.report(java.nio.file.Files.size(input), primed, unprimed));
        line.put("convertPrimingMs", Math.round(primed.hooksMs()))
                .put("convertFirstMBps", round(primed.firstMBps()))
                .put("convertWarmMBps", round(primed.warmMBps()))
                .put("convertFirstToWarm", round(primed.ratio()))
                .put("convertUnprimedFirstToWarm", round(unprimed.ratio()))
                .put("convertFirstToWarmPerCpu", round(primed.cpuRatio()))
                .put("convertUnprimedFirstToWarmPerCpu", round(unprimed.cpuRatio()));
    }

    /** SQL -> Kafka: load-csv vs sqlite3 .import, extract vs Kafka's ProducerPerformance on one in-process broker. */
    @Command(name = "kafka", mixinStandardHelpOptions = true,
            description = {"Generates N products; load-csv them vs sqlite3 .import; publishes them with extract vs Kafka's",
                "ProducerPerformance on one in-process broker. Progress on stderr, one JSON line of figures on stdout."})
    static final class Kafka implements Callable<Integer> {
        @Option(names = "--count", defaultValue = "1000000", description = "Products (default ${DEFAULT-VALUE}).")
        long count;

        @Override
        public Integer call() throws Exception {
            if (count < 1000) {
                throw new com.productflow.common.BadInputException("--count must be at least 1000");
            }
            System.out.println(new KafkaBench(count, System.err).run());
            return 0;
        }
    }
}
