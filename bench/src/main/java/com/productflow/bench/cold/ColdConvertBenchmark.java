package com.productflow.bench.cold;

import com.productflow.common.ProductflowException;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The conversion a user runs: whole process against whole process, JVM start included on both sides.
 * <ol>
 *   <li>{@code ./productflow convert --input FILE --output FILE.xml}, the launcher as users start it (its
 *       class data sharing archive included: an untimed first run records it, as a user's first run does);</li>
 *   <li>the reference, {@link ParseOnlyProcess} in a JVM of its own (this JDK's {@code java}, default flags):
 *       Jackson reading every token and value of the same file.</li>
 * </ol>
 * The two alternate (which one goes first swaps every round), so a change in the machine's load hits both
 * sides alike. An untimed run of each first puts the input in the page cache. Then the 42 KB sample is
 * converted whole-process {@code rounds} times. With a competitor, one {@link BusyLoop} process spins for
 * the whole measurement: both sides share the machine with the same CPU-bound neighbour.
 */
public final class ColdConvertBenchmark {
    private ColdConvertBenchmark() {}

    /**
     * Seconds per run, in round order; {@code load*} are /proc/loadavg's three figures (what {@code uptime}
     * prints) before and after the timed runs.
     */
    public record Figures(long inputBytes, double[] convertSeconds, double[] parseSeconds, long sampleBytes,
                          double[] sampleSeconds, boolean competitor, String loadBefore, String loadAfter) {
        /** Best parse-only run ÷ best conversion run. */
        public double bestRatio() {
            return min(parseSeconds) / min(convertSeconds);
        }

        /** The median of the per-round ratios (each round's parse-only ÷ its conversion). */
        public double medianRatio() {
            double[] ratios = new double[convertSeconds.length];
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = parseSeconds[i] / convertSeconds[i];
            }
            return median(ratios);
        }

        public double convertMBps() {
            return inputBytes / 1e6 / min(convertSeconds);
        }

        public double parseMBps() {
            return inputBytes / 1e6 / min(parseSeconds);
        }
    }

    /**
     * Where things are: the repository (its launcher), the bench's own jar (the reference's class path), a work
     * folder; {@code javaOptions}, when not empty, become the conversions' JAVA_OPTS (to try a JVM option on the
     * conversion side only: the reference keeps the JDK's defaults).
     */
    public record Setup(Path root, Path benchJar, Path work, List<String> javaOptions) {
        List<String> convert(Path input, Path output) {
            List<String> command = new ArrayList<>();
            if (!javaOptions.isEmpty()) {
                command.addAll(List.of("env", "JAVA_OPTS=" + String.join(" ", javaOptions)));
            }
            command.addAll(List.of(root.resolve("productflow").toString(), "convert", "--input", input.toString(),
                    "--output", output.toString()));
            return command;
        }

        List<String> java(Class<?> main, String... args) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", benchJar.toString(), main.getName()));
            command.addAll(List.of(args));
            return command;
        }
    }

    public static Figures measure(Setup setup, Path input, Path sample, int rounds, boolean competitor, PrintStream log)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(setup.root().resolve("productflow"))) {
            throw new ProductflowException("no launcher at " + setup.root().resolve("productflow") + " (run the bench with ./productflow bench)");
        }
        Path output = setup.work().resolve(input.getFileName() + ".cold.xml");
        Path sampleOutput = setup.work().resolve("sample.cold.xml");
        List<String> convert = setup.convert(input, output);
        List<String> parse = setup.java(ParseOnlyProcess.class, input.toString());
        List<String> convertSample = setup.convert(sample, sampleOutput);
        log.println("untimed first runs (page cache, the launcher's class data sharing archive) ...");
        run(convertSample, setup.work());
        run(convert, setup.work());
        run(parse, setup.work());
        double[] converts = new double[rounds];
        double[] parses = new double[rounds];
        double[] samples = new double[rounds];
        Process busy = competitor ? new ProcessBuilder(setup.java(BusyLoop.class)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start() : null;
        String loadBefore = loadAverage();
        try {
            for (int round = 0; round < rounds; round++) {
                if (round % 2 == 0) {
                    converts[round] = timed(convert, output, setup.work());
                    parses[round] = timed(parse, null, setup.work());
                } else {
                    parses[round] = timed(parse, null, setup.work());
                    converts[round] = timed(convert, output, setup.work());
                }
                log.printf(Locale.ROOT, "round %d: convert %.2f s, parse-only %.2f s, ratio %.2f (load %s)%n", round + 1,
                        converts[round], parses[round], parses[round] / converts[round], loadAverage());
            }
            for (int round = 0; round < rounds; round++) {
                samples[round] = timed(convertSample, sampleOutput, setup.work());
            }
            log.printf(Locale.ROOT, "42 KB sample: %s s%n", Arrays.toString(samples));
        } finally {
            if (busy != null) {
                busy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        return new Figures(Files.size(input), converts, parses, Files.size(sample), samples, competitor, loadBefore, loadAverage());
    }

    /** Runs to its end, in seconds from start to exit; deletes {@code output} afterwards (each run writes a new file). */
    private static double timed(List<String> command, Path output, Path work) throws IOException, InterruptedException {
        long start = System.nanoTime();
        run(command, work);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (output != null) {
            Files.deleteIfExists(output);
        }
        return seconds;
    }

    private static void run(List<String> command, Path work) throws IOException, InterruptedException {
        File errors = work.resolve("cold-run.err").toFile();
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(errors).start();
        if (process.waitFor() != 0) {
            throw new ProductflowException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
                    + Files.readString(errors.toPath()).strip());
        }
    }

    /** The 1, 5 and 15 minute load averages, as {@code uptime} prints them ("n/a" without /proc). */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    public static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public static String report(Figures f) {
        return String.format(Locale.ROOT,
                "input %.1f MB, whole process (JVM start included), %d alternating rounds%s%n"
                        + "./productflow convert:         best %.2f s (%.0f MB/s), median %.2f s, runs %s%n"
                        + "Jackson parse-only, own JVM:   best %.2f s (%.0f MB/s), median %.2f s, runs %s%n"
                        + "ratio parse-only ÷ convert: best %.2f, median of rounds %.2f (target best >= %s)%n"
                        + "42 KB sample (%d bytes) whole process: best %.2f s, median %.2f s (target <= 0.3 s)%n"
                        + "load average (1/5/15 min) before %s, after %s; cores %d%n",
                f.inputBytes() / 1e6, f.convertSeconds().length, f.competitor() ? ", with a CPU-bound competitor (one thread)" : "",
                min(f.convertSeconds()), f.convertMBps(), median(f.convertSeconds()), seconds(f.convertSeconds()),
                min(f.parseSeconds()), f.parseMBps(), median(f.parseSeconds()), seconds(f.parseSeconds()),
                f.bestRatio(), f.medianRatio(), f.competitor() ? "0.5" : "0.6",
                f.sampleBytes(), min(f.sampleSeconds()), median(f.sampleSeconds()),
                f.loadBefore(), f.loadAfter(), Runtime.getRuntime().availableProcessors());
    }

    private static String seconds(double[] values) {
        StringBuilder out = new StringBuilder();
        for (double v : values) {
            out.append(out.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.2f", v));
        }
        return out.toString();
    }
}
