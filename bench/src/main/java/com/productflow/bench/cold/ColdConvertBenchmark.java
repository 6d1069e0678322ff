package com.productflow.bench.cold;

import static com.productflow.bench.ConvertBenchmark.median;

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
     * Seconds per run (wall, and CPU of the process tree), in round order; {@code load*} are /proc/loadavg's
     * three figures (what {@code uptime} prints) before and after the timed runs.
     */
    public record Figures(long inputBytes, double[] convertSeconds, double[] parseSeconds, long sampleBytes,
                          double[] sampleSeconds, boolean competitor, String loadBefore, String loadAfter,
                          double[] convertCpuSeconds, double[] parseCpuSeconds) {
        /**
         * Best parse-only CPU time ÷ best conversion CPU time (user + system of the whole process tree, JIT and GC
         * threads included): what each side costs, far less sensitive than wall time to what else runs.
         */
        public double cpuRatio() {
            return min(parseCpuSeconds) / min(convertCpuSeconds);
        }

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
        Files.deleteIfExists(output);
        Files.deleteIfExists(sampleOutput);
        double[] converts = new double[rounds];
        double[] parses = new double[rounds];
        double[] convertCpu = new double[rounds];
        double[] parseCpu = new double[rounds];
        double[] samples = new double[rounds];
        Process busy = competitor ? new ProcessBuilder(setup.java(BusyLoop.class)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start() : null;
        String loadBefore = loadAverage();
        try {
            for (int round = 0; round < rounds; round++) {
                for (int side = 0; side < 2; side++) {
                    if ((side + round) % 2 == 0) {
                        Timing t = run(convert, setup.work());
                        converts[round] = t.wall();
                        convertCpu[round] = t.cpu();
                        Files.deleteIfExists(output);
                    } else {
                        Timing t = run(parse, setup.work());
                        parses[round] = t.wall();
                        parseCpu[round] = t.cpu();
                    }
                }
                log.printf(Locale.ROOT, "round %d: convert %.2f s (CPU %.2f s), parse-only %.2f s (CPU %.2f s), ratio %.2f, CPU ratio %.2f"
                        + " (load %s)%n", round + 1, converts[round], convertCpu[round], parses[round], parseCpu[round],
                        parses[round] / converts[round], parseCpu[round] / convertCpu[round], loadAverage());
            }
            for (int round = 0; round < rounds; round++) {
                samples[round] = run(convertSample, setup.work()).wall();
                Files.deleteIfExists(sampleOutput);
            }
            log.printf(Locale.ROOT, "42 KB sample: %s s%n", Arrays.toString(samples));
        } finally {
            if (busy != null) {
                busy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        return new Figures(Files.size(input), converts, parses, Files.size(sample), samples, competitor, loadBefore, loadAverage(),
                convertCpu, parseCpu);
    }

    /** One run: seconds from just before its start to its exit, and the CPU seconds (user + system) of its process tree. */
    record Timing(double wall, double cpu) {}

    /** Runs {@code command} to its end under a bash that then prints its children's CPU times ({@code times}). */
    private static Timing run(List<String> command, Path work) throws IOException, InterruptedException {
        File errors = work.resolve("cold-run.err").toFile();
        Path cpu = work.resolve("cold-run.cpu");
        List<String> wrapped = new ArrayList<>(List.of("bash", "-c", "\"$@\"; s=$?; times > \"$COLD_RUN_CPU\"; exit $s", "cold-run"));
        wrapped.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(wrapped).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors);
        pb.environment().put("COLD_RUN_CPU", cpu.toString());
        long start = System.nanoTime();
        Process process = pb.start();
        int status = process.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        if (status != 0) {
            throw new ProductflowException(String.join(" ", command) + " failed (exit " + status + "): "
                    + Files.readString(errors.toPath()).strip());
        }
        // Second line of `times`: the children's user and system time, e.g. "0m1.234s 0m0.056s".
        String[] children = Files.readAllLines(cpu).get(1).trim().split("\\s+");
        return new Timing(wall, seconds(children[0]) + seconds(children[1]));
    }

    private static double seconds(String minutesSeconds) {
        int m = minutesSeconds.indexOf('m');
        return Integer.parseInt(minutesSeconds.substring(0, m)) * 60
                + Double.parseDouble(minutesSeconds.substring(m + 1, minutesSeconds.length() - 1));
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

    public static String report(Figures f) {
        return String.format(Locale.ROOT,
                "input %.1f MB, whole process (JVM start included), %d alternating rounds%s%n"
                        + "./productflow convert:         best %.2f s (%.0f MB/s), median %.2f s, runs %s%n"
                        + "Jackson parse-only, own JVM:   best %.2f s (%.0f MB/s), median %.2f s, runs %s%n"
                        + "ratio parse-only ÷ convert: best %.2f, median of rounds %.2f (target best >= %s)%n"
                        + "CPU seconds (process tree): convert %s, parse-only %s; ratio of the best %.2f%n"
                        + "42 KB sample (%d bytes) whole process: best %.2f s, median %.2f s (target <= 0.3 s)%n"
                        + "load average (1/5/15 min) before %s, after %s; cores %d%n",
                f.inputBytes() / 1e6, f.convertSeconds().length, f.competitor() ? ", with a CPU-bound competitor (one thread)" : "",
                min(f.convertSeconds()), f.convertMBps(), median(f.convertSeconds()), seconds(f.convertSeconds()),
                min(f.parseSeconds()), f.parseMBps(), median(f.parseSeconds()), seconds(f.parseSeconds()),
                f.bestRatio(), f.medianRatio(), f.competitor() ? "0.5" : "0.6",
                seconds(f.convertCpuSeconds()), seconds(f.parseCpuSeconds()), f.cpuRatio(),
                f.sampleBytes(), min(f.sampleSeconds()), median(f.sampleSeconds()),
                f.loadBefore(), f.loadAfter(), Runtime.getRuntime().availableProcessors());
    }

    private static String seconds(double[] values) { // "1.23 / 4.56"
        StringBuilder out = new StringBuilder();
        for (double v : values) {
            out.append(out.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.2f", v));
        }
        return out.toString();
    }
}
