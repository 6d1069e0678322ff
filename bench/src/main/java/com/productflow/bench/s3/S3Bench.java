package com.productflow.bench.s3;

import com.productflow.bench.ConvertBenchmark;
import com.productflow.common.config.SettingsSource;
import com.productflow.common.io.HashingInputStream;
import com.productflow.common.io.HashingOutputStream;
import com.productflow.convert.ConversionOptions;
import com.productflow.convert.JsonToXmlConverter;
import com.productflow.pipeline.S3Conversion;
import com.productflow.pipeline.S3ConversionResult;
import com.productflow.stack.s3.S3Stack;
import com.productflow.storage.ObjectLocation;
import com.productflow.storage.ObjectTransfers;
import com.productflow.storage.S3ObjectStore;
import com.productflow.storage.S3Settings;
import com.productflow.storage.StoredObject;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 transfer benchmark, on demand, against an in-process s3proxy (filesystem store in a temp
 * folder) on 127.0.0.1. Everything is measured in the same run on the same server, alternating,
 * best round counts, so ratios mean something although absolute figures depend on the machine:
 * <ul>
 *   <li>upload of a local file: productflow's parallel multipart (with per-part checksums,
 *       whole-file SHA-256 and atomic publication) vs one PutObject stream;</li>
 *   <li>download to a local file with SHA-256: parallel ranged GETs vs one GetObject stream;</li>
 *   <li>conversion of product JSON: S3→S3 (ranged reads, converter, multipart upload, publication)
 *       vs the same converter file→file on local disk.</li>
 * </ul>
 * Run: {@code ./productflow bench s3 --size-mb 1024} or this class's {@link #main}.
 */
public final class S3Bench {
    private static final String BUCKET = "bench";

    /**
     * One measured line: ours and the reference in MB/s (10^6 bytes) of wall time, and in MB per
     * CPU-second of this process without the in-process server's threads (what a Lambda would pay;
     * on a loaded machine the fairer comparison).
     */
    public record Row(String name, double mbps, double referenceMbps, double clientCpuMbps, double referenceClientCpuMbps,
            double serverCpuShare) {
        public double ratio() {
            return mbps / referenceMbps;
        }

        public double cpuRatio() {
            return clientCpuMbps / referenceClientCpuMbps;
        }
    }

    /** Best wall and best client-CPU figures of several rounds, and the server's share of all CPU used. */
    private record Measured(double mbps, double clientCpuMbps, double serverCpuShare) {}

    /**
     * What to run. {@code inputJson} null = generate product JSON of {@code sizeMb}; {@code http}: apache5 or
     * url-connection; {@code partChecksum}: S3_PART_CHECKSUM, null = the product's default; {@code server}:
     * in-process (s3proxy in this JVM) or process (s3proxy in a JVM of its own, so its CPU is measured exactly).
     */
    public record Config(int sizeMb, int rounds, String partSize, int parallelism, boolean transfers, boolean convert,
            Path inputJson, Path workDir, String http, String partChecksum, String server) {}

    private S3Bench() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> flags = parse(args);
        Config config = new Config(
                Integer.parseInt(flags.getOrDefault("size-mb", "1024")),
                Integer.parseInt(flags.getOrDefault("rounds", "2")),
                flags.getOrDefault("part-size", "8MiB"),
                Integer.parseInt(flags.getOrDefault("parallelism", "6")),
                !"convert".equals(flags.get("only")),
                !"transfers".equals(flags.get("only")),
                flags.containsKey("input-json") ? Path.of(flags.get("input-json")) : null,
                Path.of(flags.getOrDefault("dir", System.getProperty("java.io.tmpdir"))),
                flags.getOrDefault("http", "apache5"),
                flags.get("part-checksum"),
                flags.getOrDefault("server", "in-process"));
        List<Row> rows = run(config, System.err);
        System.out.print(table(rows));
    }

    public static String table(List<Row> rows) {
        StringBuilder s = new StringBuilder("| measurement | productflow MB/s | reference MB/s | ratio |"
                + " productflow MB/client-CPU-s | reference MB/client-CPU-s | CPU ratio | server share of CPU (ours) |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            s.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f | %.0f%% |%n", row.name(),
                    row.mbps(), row.referenceMbps(), row.ratio(), row.clientCpuMbps(), row.referenceClientCpuMbps(),
                    row.cpuRatio(), 100 * row.serverCpuShare()));
        }
        return s.toString();
    }

    public static List<Row> run(Config config, PrintStream log) throws IOException {
        Path work = Files.createTempDirectory(Files.createDirectories(config.workDir()), "productflow-s3-bench-");
        List<Row> rows = new ArrayList<>();
        try (BenchServer server = BenchServer.start(config.server(), work.resolve("store"), BUCKET)) {
            Map<String, String> values = new HashMap<>();
            values.put("S3_ENDPOINT", server.endpoint().toString());
            values.put("S3_ACCESS_KEY_ID", S3Stack.ACCESS_KEY);
            values.put("S3_SECRET_ACCESS_KEY", S3Stack.SECRET_KEY);
            values.put("S3_PART_SIZE", config.partSize());
            values.put("S3_PARALLELISM", String.valueOf(config.parallelism()));
            if (config.partChecksum() != null) {
                values.put("S3_PART_CHECKSUM", config.partChecksum());
            }
            S3Settings settings = S3Settings.from(SettingsSource.of(values));
            log.printf(Locale.ROOT, "s3 bench: %d MB, part %d bytes, parallelism %d, part checksum %s, server %s, %d cores,"
                    + " load %.1f, store %s%n",
                    config.sizeMb(), settings.transfer().partSize(), settings.transfer().parallelism(),
                    settings.transfer().partChecksum(), config.server(),
                    Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), work);
            // The one-request reference streams with aws-chunked bodies: s3proxy refuses plain PUT bodies over
            // its non-chunked limit (one reason more for multipart).
            S3Settings chunked = S3Settings.from(SettingsSource.of(values).with(Map.of("S3_COMPAT", "false", "S3_PATH_STYLE", "true")));
            log.println("s3 bench: HTTP client for our transfers: " + config.http());
            try (S3ObjectStore store = store(settings, config.http()); S3Client single = S3ObjectStore.client(chunked)) {
                ObjectTransfers transfers = new ObjectTransfers(store, settings.transfer());
                if (config.transfers()) {
                    transfers(config, work, server, store, transfers, single, rows, log);
                }
                if (config.convert()) {
                    convert(config, work, server, transfers, rows, log);
                }
            }
        } finally {
            deleteTree(work);
        }
        return rows;
    }

    private static S3ObjectStore store(S3Settings settings, String http) {
        return switch (http) {
            case "apache5" -> S3ObjectStore.create(settings);
            case "url-connection" -> S3ObjectStore.create(settings, UrlConnectionHttpClient.builder());
            default -> throw new IllegalArgumentException("http must be apache5 or url-connection, got " + http);
        };
    }

    private static void transfers(Config config, Path work, BenchServer server, S3ObjectStore store, ObjectTransfers transfers,
            S3Client single,
            List<Row> rows, PrintStream log) throws IOException {
        Path file = work.resolve("data.bin");
        writeData(file, config.sizeMb() * 1_000_000L);
        long bytes = Files.size(file);
        ObjectLocation multi = new ObjectLocation(BUCKET, "multipart.bin");
        ObjectLocation one = new ObjectLocation(BUCKET, "single.bin");
        rows.add(log(log, alternate("upload " + config.sizeMb() + " MB file: parallel multipart + SHA-256 + publication"
                + " vs one PutObject stream (aws-chunked)", server, config.rounds(), bytes,
                () -> transfers.uploadFile(file, multi, "application/octet-stream"),
                () -> single.putObject(r -> r.bucket(BUCKET).key(one.key()), RequestBody.fromFile(file)))));

        Path downloads = Files.createDirectories(work.resolve("downloads"));
        rows.add(log(log, alternate("download " + config.sizeMb() + " MB to a file + SHA-256: parallel ranged GETs"
                + " vs one GetObject stream", server, config.rounds(), bytes,
                () -> transfers.downloadFile(multi, downloads),
                () -> {
                    try (InputStream in = new HashingInputStream(single.getObject(r -> r.bucket(BUCKET).key(one.key())));
                            OutputStream out = Files.newOutputStream(downloads.resolve("single.bin"))) {
                        return in.transferTo(out);
                    }
                })));
        Files.delete(file);
        deleteTree(downloads);
        store.delete(one);
        store.delete(multi);
    }

    private static void convert(Config config, Path work, BenchServer server, ObjectTransfers transfers, List<Row> rows,
            PrintStream log)
            throws IOException {
        Path input = config.inputJson() != null ? config.inputJson()
                : ConvertBenchmark.products(work.resolve("json"), config.sizeMb(), log);
        long inputBytes = Files.size(input);
        // The convert function's conversion (Wiring.productFeedConversion with no CONVERT_* set), and the
        // same converter file to file as the reference.
        JsonToXmlConverter converter = new JsonToXmlConverter(ConversionOptions.defaults());
        ObjectLocation in = new ObjectLocation(BUCKET, "in/products.json");
        ObjectLocation out = new ObjectLocation(BUCKET, "out/products.xml");
        StoredObject stored = transfers.uploadFile(input, in, "application/json");
        Path localOut = work.resolve("products.xml");
        TimedObjectStore timed = new TimedObjectStore(transfers.store());
        S3Conversion conversion = S3Conversion.productFeed(new ObjectTransfers(timed, transfers.options()), ConversionOptions.defaults());
        S3ConversionResult[] last = new S3ConversionResult[1];
        rows.add(log(log, alternate("convert " + inputBytes / 1_000_000 + " MB product JSON to XML: S3→S3 vs local file→file",
                server, config.rounds(), inputBytes,
                () -> {
                    last[0] = conversion.convert(in, out, Optional.of(stored.sha256()));
                    log.println("  publication steps (wall): " + timed.drain());
                    return last[0];
                },
                () -> {
                    try (InputStream i = new BufferedInputStream(Files.newInputStream(input), 1 << 16);
                            HashingOutputStream o = new HashingOutputStream(
                                    new BufferedOutputStream(Files.newOutputStream(localOut), 1 << 16))) {
                        return converter.convert(i, o).records();
                    }
                }, log)));
        log.println("last S3 conversion: " + last[0]);
        Files.deleteIfExists(localOut);
    }

    interface Run {
        Object run() throws IOException;
    }

    /** Runs ours and the reference alternately {@code rounds} times; the best of each. */
    private static Row alternate(String name, BenchServer server, int rounds, long bytes, Run ours, Run reference) {
        return alternate(name, server, rounds, bytes, ours, reference, null);
    }

    /** As above; with a log, each round also prints its CPU per thread group (where the time goes). */
    private static Row alternate(String name, BenchServer server, int rounds, long bytes, Run ours, Run reference,
            PrintStream threadLog) {
        Measured[] best = {new Measured(0, 0, 0), new Measured(0, 0, 0)};
        Run[] runs = {ours, reference};
        for (int i = 0; i < rounds; i++) {
            for (int which = 0; which < 2; which++) {
                Measured m = measure(bytes, server, runs[which], threadLog);
                best[which] = new Measured(Math.max(best[which].mbps(), m.mbps()),
                        Math.max(best[which].clientCpuMbps(), m.clientCpuMbps()),
                        which == 0 ? m.serverCpuShare() : 0);
            }
        }
        return new Row(name, best[0].mbps(), best[1].mbps(), best[0].clientCpuMbps(), best[1].clientCpuMbps(),
                best[0].serverCpuShare());
    }

    private static Measured measure(long bytes, BenchServer server, Run run, PrintStream log) {
        System.gc();
        long cpu = processCpuNanos();
        long serverCpu = server.cpuNanos();
        long start = System.nanoTime();
        ThreadCpuSampler sampler = log == null ? null : ThreadCpuSampler.start();
        try {
            run.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (sampler != null) {
                log.println("  CPU by thread group (s): " + sampler.stop());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double serverSeconds = (server.cpuNanos() - serverCpu) / 1e9;
        double ourSeconds = (processCpuNanos() - cpu) / 1e9;
        double clientSeconds = Math.max(1e-3, server.inThisProcess() ? ourSeconds - serverSeconds : ourSeconds);
        if (log != null) {
            log.printf(Locale.ROOT, "  CPU (s): client %.2f, server %.2f (%s), wall %.2f%n", clientSeconds, serverSeconds,
                    server.inThisProcess() ? "its Jetty threads" : "its whole process", seconds);
        }
        return new Measured(bytes / 1e6 / seconds, bytes / 1e6 / clientSeconds,
                serverSeconds / Math.max(1e-3, clientSeconds + serverSeconds));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Row log(PrintStream log, Row row) {
        log.printf(Locale.ROOT, "%s: %.0f MB/s vs %.0f MB/s, ratio %.2f; client CPU %.0f vs %.0f MB/s, ratio %.2f; server %.0f%% of our CPU%n",
                row.name(), row.mbps(), row.referenceMbps(), row.ratio(), row.clientCpuMbps(), row.referenceClientCpuMbps(),
                row.cpuRatio(), 100 * row.serverCpuShare());
        return row;
    }

    /** Pseudo-random, incompressible data (a fresh 1 MiB random block at a time). */
    private static void writeData(Path file, long size) throws IOException {
        byte[] block = new byte[1 << 20];
        Random random = new Random(1);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (long written = 0; written < size; ) {
                random.nextBytes(block);
                int n = (int) Math.min(block.length, size - written);
                out.write(block, 0, n);
                written += n;
            }
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
            }
            flags.put(args[i].substring(2), args[++i]);
        }
        return flags;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
