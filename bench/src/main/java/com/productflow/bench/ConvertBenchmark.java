package com.productflow.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.productflow.convert.ConversionOptions;
import com.productflow.convert.ConversionResult;
import com.productflow.convert.FileConversion;
import com.productflow.convert.JsonToXmlConverter;
import com.productflow.convert.ProgressListener;
import com.productflow.samples.ProductGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.StandardCopyOption;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Converter throughput against the least work any converter must do, measured in the same run on
 * the same bytes (read from the same file, so both sides pay the same I/O):
 * <ol>
 *   <li>reference A, Jackson tokens: {@code nextToken()} over the whole document (string contents
 *       are skipped, not decoded);</li>
 *   <li>reference B, Jackson tokens + text: as A, plus each string/number's characters read with
 *       {@code getTextCharacters()}, which a converter cannot avoid;</li>
 *   <li>our conversion into a new file in the work folder, including both SHA-256s and the atomic
 *       move. The previous round's output is deleted before the timer starts, so every round writes a
 *       new file as the first one does: replacing the last round's 750 MB file would add the kernel
 *       freeing its pages inside our rename (about 0.2 s) to rounds 2 and later only. With
 *       {@code replace} that is what it measures: every round after the first replaces an existing
 *       file, as re-running a conversion onto the same target does.</li>
 * </ol>
 * Each is run {@code rounds} times, alternating, and the best round counts (the first ones warm the
 * JIT: our conversion reaches its steady speed in round 3 or 4, because the JIT recompiles Jackson's
 * and our hot methods after each switch between the reference and the conversion, hence
 * {@link #DEFAULT_ROUNDS}). Peak heap is the sum of the heap pools' peaks during our conversion; peak RSS is the
 * process high-water mark (reset before the conversion where Linux allows it).
 */
public final class ConvertBenchmark {
    public static final int DEFAULT_ROUNDS = 5;
    private static final double LOAD_AT_START = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

    private ConvertBenchmark() {}

    /**
     * Product JSON of about {@code sizeMb} MB (10^6 bytes) from the deterministic sample generator,
     * reused when a previous run left it in {@code workDir}.
     */
    public static Path products(Path workDir, int sizeMb, PrintStream log) throws IOException {
        Files.createDirectories(workDir);
        Path file = workDir.resolve("products-" + sizeMb + "mb.json");
        long target = sizeMb * 1_000_000L;
        if (Files.isRegularFile(file) && Files.size(file) >= target) {
            log.printf(Locale.ROOT, "reusing %s%n", file);
            return file;
        }
        log.printf(Locale.ROOT, "generating %d MB of product JSON into %s ...%n", sizeMb, file);
        Path temp = Files.createTempFile(workDir, ".products-", ".part");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
            new ProductGenerator().writeUntilBytes(ProductGenerator.Format.JSON, target, out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    public record Figures(
            long inputBytes,
            long outputBytes,
            long records,
            double tokensMBps,
            double tokensTextMBps,
            double convertMBps,
            double tokensCpuMBps,
            double convertCpuMBps,
            long peakHeapBytes,
            long peakRssBytes,
            double medianRoundRatio,
            double tokensThreadCpuMBps,
            double convertThreadCpuMBps) {

        /**
         * Parse-only against our conversion per CPU-second of the calling thread, the critical path
         * (reading/hashing and hashing/writing run on two helper threads): what the wall-clock ratio
         * becomes when the machine has a core free for the helpers. Insensitive to other load.
         */
        public double criticalPathRatio() {
            return convertThreadCpuMBps / tokensThreadCpuMBps;
        }

        public double ratioToTokens() {
            return convertMBps / tokensMBps;
        }

        public double ratioToTokensText() {
            return convertMBps / tokensTextMBps;
        }
    }

    public static Figures measure(Path input, Path workDir, int rounds, boolean replace, PrintStream log) throws IOException {
        long size = Files.size(input);
        Path output = workDir.resolve(input.getFileName() + ".xml");
        // The converter as the convert function builds it (ConversionOptions from no CONVERT_* settings).
        JsonToXmlConverter converter = new JsonToXmlConverter(ConversionOptions.defaults());
        double bestTokens = 0;
        double bestText = 0;
        double bestConvert = 0;
        double bestTokensCpu = 0;
        double bestConvertCpu = 0;
        double bestTokensThread = 0;
        double bestConvertThread = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long peakHeap = 0;
        long peakRss = 0;
        ConversionResult last = null;
        double[] roundRatios = new double[rounds];
        for (int round = 1; round <= rounds; round++) {
            long cpu0 = processCpuNanos();
            long thread0 = threads.getCurrentThreadCpuTime();
            double tokens = mbps(size, time(() -> parse(input, false)));
            double tokensCpu = mbps(size, processCpuNanos() - cpu0);
            bestTokensThread = Math.max(bestTokensThread, mbps(size, threads.getCurrentThreadCpuTime() - thread0));
            double text = mbps(size, time(() -> parse(input, true)));
            if (!replace) {
                Files.deleteIfExists(output);
            }
            System.gc();
            resetPeaks();
            long cpu1 = processCpuNanos();
            long thread1 = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            last = FileConversion.convert(converter, input, output, ProgressListener.NONE);
            double convert = mbps(size, System.nanoTime() - start);
            bestConvertThread = Math.max(bestConvertThread, mbps(size, threads.getCurrentThreadCpuTime() - thread1));
            double convertCpu = mbps(size, processCpuNanos() - cpu1);
            bestTokensCpu = Math.max(bestTokensCpu, tokensCpu);
            bestConvertCpu = Math.max(bestConvertCpu, convertCpu);
            peakHeap = Math.max(peakHeap, peakHeap());
            peakRss = Math.max(peakRss, peakRss());
            roundRatios[round - 1] = convert / tokens;
            log.printf(Locale.ROOT, "round %d: jackson tokens %.1f MB/s, tokens+text %.1f MB/s, convert %.1f MB/s, ratio %.2f%n",
                    round, tokens, text, convert, convert / tokens);
            bestTokens = Math.max(bestTokens, tokens);
            bestText = Math.max(bestText, text);
            bestConvert = Math.max(bestConvert, convert);
        }
        Files.deleteIfExists(output);
        return new Figures(size, last.bytesOut(), last.records(), bestTokens, bestText, bestConvert,
                bestTokensCpu, bestConvertCpu, peakHeap, peakRss, median(roundRatios), bestTokensThread, bestConvertThread);
    }

    /** The median of some rounds' figures (the mean of the middle two for an even count). */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Reads every token; with {@code text}, also every string's and number's characters. */
    public static long parse(Path input, boolean text) throws IOException {
        long sink = 0;
        JsonFactory factory = new JsonFactory();
        try (InputStream in = Files.newInputStream(input); JsonParser p = factory.createParser(in)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (text && (t == JsonToken.VALUE_STRING || t.isNumeric())) {
                    char[] chars = p.getTextCharacters();
                    sink += chars[p.getTextOffset()] + p.getTextLength();
                } else {
                    sink++;
                }
            }
        }
        return sink;
    }

    interface Pass {
        long run() throws IOException;
    }

    private static long time(Pass pass) throws IOException {
        long start = System.nanoTime();
        if (pass.run() == 42) {
            System.out.print(""); // keeps the result alive
        }
        return System.nanoTime() - start;
    }

    private static double mbps(long bytes, long nanos) {
        return bytes / 1e6 / (nanos / 1e9);
    }

    /** CPU time of the whole process (all threads, GC and JIT included), or 0 where unsupported. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5"); // resets VmHWM (Linux >= 4.0)
        } catch (IOException | RuntimeException e) {
            // not Linux, or not allowed: the figure is then the process-wide peak
        }
    }

    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** VmHWM from /proc/self/status in bytes, or -1 where there is no /proc. */
    static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return -1;
    }

    public static String report(Figures f) {
        return String.format(Locale.ROOT,
                "input %.1f MB, %d records, output %.1f MB%n"
                        + "(a) Jackson parse-only, tokens:        %7.1f MB/s%n"
                        + "(a') Jackson parse-only, tokens + text: %7.1f MB/s%n"
                        + "(b) our conversion to a file:          %7.1f MB/s%n"
                        + "ratio b/a = %.2f, b/a' = %.2f (target >= 0.6); median of per-round b/a = %.2f%n"
                        + "per CPU-second (all threads): (a) %.1f MB/s, (b) %.1f MB/s, ratio %.2f%n"
                        + "per CPU-second of the calling thread (critical path): (a) %.1f MB/s, (b) %.1f MB/s, ratio %.2f%n"
                        + "peak heap during conversion %.1f MB, peak RSS %.1f MB, cores %d, load average at start %.1f%n",
                f.inputBytes() / 1e6, f.records(), f.outputBytes() / 1e6, f.tokensMBps(), f.tokensTextMBps(),
                f.convertMBps(), f.ratioToTokens(), f.ratioToTokensText(), f.medianRoundRatio(),
                f.tokensCpuMBps(), f.convertCpuMBps(), f.convertCpuMBps() / f.tokensCpuMBps(),
                f.tokensThreadCpuMBps(), f.convertThreadCpuMBps(), f.criticalPathRatio(),
                f.peakHeapBytes() / 1e6, f.peakRssBytes() / 1e6,
                Runtime.getRuntime().availableProcessors(), LOAD_AT_START);
    }

    /** {@code ConvertBenchmark INPUT.json [ROUNDS]}: measures an existing file. */
    public static void main(String[] args) throws IOException {
        Path input = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_ROUNDS;
        Figures f = measure(input, input.toAbsolutePath().getParent(), rounds, false, System.err);
        System.out.print(report(f));
    }
}
