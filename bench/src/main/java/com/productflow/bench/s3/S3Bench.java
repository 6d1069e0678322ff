package com.productflow.bench.s3;

import com.productflow.bench.ConvertBenchmark;
import com.productflow.common.config.SettingsSource;
import com.productflow.common.io.HashingInputStream;
import com.productflow.common.io.HashingOutputStream;
import com.productflow.convert.JsonToXmlConverter;
import com.productflow.stack.s3.S3Stack;
import com.productflow.storage.ObjectLocation;
import com.productflow.storage.ObjectTransfers;
import com.productflow.storage.S3Conversion;
import com.productflow.storage.S3ConversionResult;
import com.productflow.storage.S3ObjectStore;
import com.productflow.storage.S3Settings;
import com.productflow.storage.StoredObject;
import com.productflow.storage.StreamConverter;
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
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 transfer benchmark, on demand, against an in-process s3proxy (filesystem store in a temp
 * folder) on 127.0.0.1. Everything is measured in the same run on the same server, alternating,
 * best round counts, so ratios mean something although absolute figures depend on the machine:
 * <ul>
 *   <li>upload of a local file: productflow's parallel multipart (with per-part SHA-256 checksums,
 *       whole-file SHA-256 and atomic publication) vs one PutObject stream;</li>
 *   <li>download to a local file with SHA-256: parallel ranged GETs vs one GetObject stream;</li>
 *   <li>conversion of product JSON: S3→S3 (ranged reads, converter, multipart upload, publication)
 *       vs the same converter file→file on local disk.</li>
 * </ul>
 * Run: {@code ./productflow bench s3 --size-mb 1024} or this class's {@link #main}.
 */
public final class S3Bench {
    private static final String BUCKET = "bench";

    /** One measured line: ours and the reference in MB/s (10^6 bytes). */
    public record Row(String name, double mbps, double referenceMbps) {
        public double ratio() {
            return mbps / referenceMbps;
        }
    }

    /** What to run. {@code inputJson} null = generate product JSON of {@code sizeMb}. */
    public record Config(int sizeMb, int rounds, String partSize, int parallelism, boolean transfers, boolean convert,
            Path inputJson, Path workDir) {}

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
                Path.of(flags.getOrDefault("dir", System.getProperty("java.io.tmpdir"))));
        List<Row> rows = run(config, System.err);
        System.out.print(table(rows));
    }

    public static String table(List<Row> rows) {
        StringBuilder s = new StringBuilder("| measurement | productflow MB/s | reference MB/s | ratio |\n|---|---:|---:|---:|\n");
        for (Row row : rows) {
            s.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.2f |%n", row.name(), row.mbps(), row.referenceMbps(), row.ratio()));
        }
        return s.toString();
    }

    public static List<Row> run(Config config, PrintStream log) throws IOException {
        Path work = Files.createTempDirectory(Files.createDirectories(config.workDir()), "productflow-s3-bench-");
        List<Row> rows = new ArrayList<>();
        try (S3Stack stack = S3Stack.startFilesystem(work.resolve("store"))) {
            stack.createBucket(BUCKET);
            Map<String, String> values = new HashMap<>();
            values.put("S3_ENDPOINT", stack.endpoint().toString());
            values.put("S3_ACCESS_KEY_ID", S3Stack.ACCESS_KEY);
            values.put("S3_SECRET_ACCESS_KEY", S3Stack.SECRET_KEY);
            values.put("S3_PART_SIZE", config.partSize());
            values.put("S3_PARALLELISM", String.valueOf(config.parallelism()));
            S3Settings settings = S3Settings.from(SettingsSource.of(values));
            log.printf(Locale.ROOT, "s3 bench: %d MB, part %d bytes, parallelism %d, %d cores, load %.1f, store %s%n",
                    config.sizeMb(), settings.transfer().partSize(), settings.transfer().parallelism(),
                    Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), work);
            // The one-request reference streams with aws-chunked bodies: s3proxy refuses plain PUT bodies over
            // its non-chunked limit (one reason more for multipart).
            S3Settings chunked = S3Settings.from(SettingsSource.of(values).with(Map.of("S3_COMPAT", "false", "S3_PATH_STYLE", "true")));
            try (S3ObjectStore store = S3ObjectStore.create(settings); S3Client single = S3ObjectStore.client(chunked)) {
                ObjectTransfers transfers = new ObjectTransfers(store, settings.transfer());
                if (config.transfers()) {
                    transfers(config, work, store, transfers, single, rows, log);
                }
                if (config.convert()) {
                    convert(config, work, transfers, rows, log);
                }
            }
        } finally {
            deleteTree(work);
        }
        return rows;
    }

    private static void transfers(Config config, Path work, S3ObjectStore store, ObjectTransfers transfers, S3Client single,
            List<Row> rows, PrintStream log) throws IOException {
        Path file = work.resolve("data.bin");
        writeData(file, config.sizeMb() * 1_000_000L);
        long bytes = Files.size(file);
        ObjectLocation multi = new ObjectLocation(BUCKET, "multipart.bin");
        ObjectLocation one = new ObjectLocation(BUCKET, "single.bin");
        double[] up = alternate(config.rounds(), bytes,
                () -> transfers.uploadFile(file, multi, "application/octet-stream"),
                () -> single.putObject(r -> r.bucket(BUCKET).key(one.key()), RequestBody.fromFile(file)));
        rows.add(log(log, new Row("upload " + config.sizeMb() + " MB file: parallel multipart + SHA-256 + publication"
                + " vs one PutObject stream (aws-chunked)", up[0], up[1])));

        Path downloads = Files.createDirectories(work.resolve("downloads"));
        double[] down = alternate(config.rounds(), bytes,
                () -> transfers.downloadFile(multi, downloads),
                () -> {
                    try (InputStream in = new HashingInputStream(single.getObject(r -> r.bucket(BUCKET).key(one.key())));
                            OutputStream out = Files.newOutputStream(downloads.resolve("single.bin"))) {
                        return in.transferTo(out);
                    }
                });
        rows.add(log(log, new Row("download " + config.sizeMb() + " MB to a file + SHA-256: parallel ranged GETs"
                + " vs one GetObject stream", down[0], down[1])));
        Files.delete(file);
        deleteTree(downloads);
        store.delete(one);
        store.delete(multi);
    }

    private static void convert(Config config, Path work, ObjectTransfers transfers, List<Row> rows, PrintStream log)
            throws IOException {
        Path input = config.inputJson() != null ? config.inputJson()
                : ConvertBenchmark.products(config.workDir().resolve("productflow-bench"), config.sizeMb(), log);
        long inputBytes = Files.size(input);
        JsonToXmlConverter converter = new JsonToXmlConverter();
        StreamConverter convert = (in, out) -> converter.convert(in, out).records();
        ObjectLocation in = new ObjectLocation(BUCKET, "in/products.json");
        ObjectLocation out = new ObjectLocation(BUCKET, "out/products.xml");
        StoredObject stored = transfers.uploadFile(input, in, "application/json");
        Path localOut = work.resolve("products.xml");
        S3Conversion conversion = new S3Conversion(transfers, convert, "application/xml");
        S3ConversionResult[] last = new S3ConversionResult[1];
        double[] figures = alternate(config.rounds(), inputBytes,
                () -> last[0] = conversion.convert(in, out, Optional.of(stored.sha256())),
                () -> {
                    try (InputStream i = new BufferedInputStream(Files.newInputStream(input), 1 << 16);
                            HashingOutputStream o = new HashingOutputStream(
                                    new BufferedOutputStream(Files.newOutputStream(localOut), 1 << 16))) {
                        return convert.convert(i, o);
                    }
                });
        rows.add(log(log, new Row("convert " + inputBytes / 1_000_000 + " MB product JSON → "
                + last[0].bytesOut() / 1_000_000 + " MB XML: S3→S3 vs local file→file", figures[0], figures[1])));
        Files.deleteIfExists(localOut);
    }

    interface Run {
        Object run() throws IOException;
    }

    /** Runs ours and the reference alternately {@code rounds} times; the best MB/s of each. */
    private static double[] alternate(int rounds, long bytes, Run ours, Run reference) {
        double[] best = new double[2];
        for (int i = 0; i < rounds; i++) {
            best[0] = Math.max(best[0], mbps(bytes, ours));
            best[1] = Math.max(best[1], mbps(bytes, reference));
        }
        return best;
    }

    private static double mbps(long bytes, Run run) {
        System.gc();
        long start = System.nanoTime();
        try {
            run.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
    }

    private static Row log(PrintStream log, Row row) {
        log.printf(Locale.ROOT, "%s: %.0f MB/s vs %.0f MB/s, ratio %.2f%n", row.name(), row.mbps(), row.referenceMbps(), row.ratio());
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
