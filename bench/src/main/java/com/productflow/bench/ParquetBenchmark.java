package com.productflow.bench;

import com.productflow.convert.ConversionResult;
import com.productflow.convert.FileConversion;
import com.productflow.convert.ProgressListener;
import com.productflow.parquet.JsonToParquetConverter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Our JSON → Parquet (zstd) against DuckDB's {@code COPY (SELECT * FROM read_json(…)) TO … (FORMAT
 * parquet, COMPRESSION zstd)} on the same file, alternating rounds, best of each. DuckDB runs in a
 * Python that can import {@code duckdb} ({@code PRODUCTFLOW_PYTHON}, else {@code python3}); its time is
 * the COPY alone, measured inside Python, as ours is the conversion alone, measured in this JVM.
 */
public final class ParquetBenchmark {
    private ParquetBenchmark() {}

    /** {@code duckdbMBps} and {@code duckdbBytes} are 0 when DuckDB is not installed. */
    public record Figures(long inputBytes, long records, double oursMBps, long oursBytes, double oursCpuMBps,
            double duckdbMBps, long duckdbBytes, long peakHeapBytes, String python) {
        public double speedRatio() {
            return duckdbMBps == 0 ? 0 : oursMBps / duckdbMBps;
        }

        public double sizeRatio() {
            return duckdbBytes == 0 ? 0 : (double) oursBytes / duckdbBytes;
        }
    }

    public static Figures measure(Path input, Path work, int rounds, PrintStream log) throws IOException, InterruptedException {
        long size = Files.size(input);
        Path ours = work.resolve(input.getFileName() + ".parquet");
        Path theirs = work.resolve(input.getFileName() + ".duckdb.parquet");
        String python = python();
        if (python == null) {
            log.println("!!!!! DuckDB NOT measured: no python3 that can import duckdb (set PRODUCTFLOW_PYTHON) !!!!!");
        }
        JsonToParquetConverter converter = new JsonToParquetConverter();
        double bestOurs = 0;
        double bestOursCpu = 0;
        double bestDuck = 0;
        long peakHeap = 0;
        long duckBytes = 0;
        ConversionResult last = null;
        for (int round = 1; round <= rounds; round++) {
            Files.deleteIfExists(ours);
            System.gc();
            ConvertBenchmark.resetPeaks();
            long cpu = ConvertBenchmark.processCpuNanos();
            long start = System.nanoTime();
            last = FileConversion.convert(converter, input, ours, ProgressListener.NONE);
            double mbps = size / 1e6 / ((System.nanoTime() - start) / 1e9);
            double cpuMbps = size / 1e6 / ((ConvertBenchmark.processCpuNanos() - cpu) / 1e9);
            peakHeap = Math.max(peakHeap, ConvertBenchmark.peakHeap());
            bestOurs = Math.max(bestOurs, mbps);
            bestOursCpu = Math.max(bestOursCpu, cpuMbps);
            String duck = "";
            if (python != null) {
                Files.deleteIfExists(theirs);
                double seconds = duckdb(python, input, theirs);
                double duckMbps = size / 1e6 / seconds;
                bestDuck = Math.max(bestDuck, duckMbps);
                duckBytes = Files.size(theirs);
                duck = String.format(Locale.ROOT, ", duckdb %.1f MB/s (%d bytes), ratio %.2f", duckMbps, duckBytes,
                        mbps / duckMbps);
            }
            log.printf(Locale.ROOT, "round %d: ours %.1f MB/s (%d bytes)%s%n", round, mbps, last.bytesOut(), duck);
        }
        Files.deleteIfExists(ours);
        Files.deleteIfExists(theirs);
        return new Figures(size, last.records(), bestOurs, last.bytesOut(), bestOursCpu, bestDuck, duckBytes, peakHeap,
                python == null ? "" : python);
    }

    public static String report(Figures f) {
        return String.format(Locale.ROOT,
                "input %.1f MB, %d records%nours:   %.1f MB/s (process CPU %.1f MB/s), %.2f MB, peak heap %.0f MB%n"
                        + "duckdb: %.1f MB/s, %.2f MB%nspeed ratio %.2f (target >= 1.0), size ratio %.3f (target <= 1.2)%n",
                f.inputBytes() / 1e6, f.records(), f.oursMBps(), f.oursCpuMBps(), f.oursBytes() / 1e6,
                f.peakHeapBytes() / 1e6, f.duckdbMBps(), f.duckdbBytes() / 1e6, f.speedRatio(), f.sizeRatio());
    }

    private static double duckdb(String python, Path input, Path output) throws IOException, InterruptedException {
        String script = "import duckdb, time, sys\n"
                + "con = duckdb.connect()\n"
                + "con.execute('SET enable_progress_bar = false')\n"
                + "t = time.perf_counter()\n"
                + "con.execute(\"COPY (SELECT * FROM read_json(?)) TO '\" + sys.argv[2].replace(\"'\", \"''\")"
                + " + \"' (FORMAT parquet, COMPRESSION zstd)\", [sys.argv[1]])\n"
                + "print(time.perf_counter() - t)\n";
        Process p = new ProcessBuilder(python, "-c", script, input.toString(), output.toString()).start();
        String[] lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+");
        String out = lines[lines.length - 1];
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("DuckDB failed: " + err);
        }
        return Double.parseDouble(out);
    }

    /** A Python that can import duckdb: PRODUCTFLOW_PYTHON, else python3 on the PATH; null if none. */
    static String python() throws InterruptedException {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("PRODUCTFLOW_PYTHON");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        candidates.add("python3");
        for (String candidate : candidates) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import duckdb").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not runnable
            }
        }
        return null;
    }
}
