package com.productflow.bench.s3;

import com.productflow.common.config.SettingsSource;
import com.productflow.common.io.HashingInputStream;
import com.productflow.common.io.HashingOutputStream;
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
import java.util.function.Supplier;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 transfer benchmark, on demand, against an in-process s3proxy (filesystem store in a temp
 * folder) on 127.0.0.1. Everything is measured in the same run on the same server, so the ratios
 * mean something even though absolute figures depend on the machine:
 * <ul>
 *   <li>upload of one file: productflow's parallel multipart vs one PutObject stream;</li>
 *   <li>download: parallel ranged GETs vs one GetObject stream (both hash what they read);</li>
 *   <li>S3→S3 conversion vs the same conversion file→file on local disk.</li>
 * </ul>
 * Usage: {@code java -cp local/runner/target/productflow.jar com.productflow.bench.s3.S3Bench
 * [--size-mb 1024] [--part-size 8MiB] [--parallelism 6] [--rounds 2] [--converter identity|json-xml]
 * [--input-json FILE]}. The converter {@code json-xml} needs a JSON product file ({@code --input-json},
 * e.g. from {@code ./productflow generate --format json --size-mb N}).
 */
public final class S3Bench {
    private static final String BUCKET = "bench";

    private S3Bench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = parse(args);
        long sizeMb = Long.parseLong(flags.getOrDefault("size-mb", "1024"));
        int rounds = Integer.parseInt(flags.getOrDefault("rounds", "2"));
        String converterName = flags.getOrDefault("converter", "identity");
        Path work = Files.createTempDirectory("productflow-s3-bench-");
        List<String> rows = new ArrayList<>();
        try (S3Stack stack = S3Stack.startFilesystem(work.resolve("store"))) {
            stack.createBucket(BUCKET);
            Map<String, String> values = new HashMap<>();
            values.put("S3_ENDPOINT", stack.endpoint().toString());
            values.put("S3_ACCESS_KEY_ID", S3Stack.ACCESS_KEY);
            values.put("S3_SECRET_ACCESS_KEY", S3Stack.SECRET_KEY);
            values.put("S3_PART_SIZE", flags.getOrDefault("part-size", "8MiB"));
            values.put("S3_PARALLELISM", flags.getOrDefault("parallelism", "6"));
            if (flags.containsKey("compat")) {
                values.put("S3_COMPAT", flags.get("compat"));
                values.put("S3_PATH_STYLE", "true");
            }
            S3Settings settings = S3Settings.from(SettingsSource.of(values));
            S3Settings chunked = S3Settings.from(SettingsSource.of(values).with(Map.of("S3_COMPAT", "false", "S3_PATH_STYLE", "true")));
            System.err.printf(Locale.ROOT, "s3 bench: %d MB, part %d bytes, parallelism %d, store %s%n", sizeMb,
                    settings.transfer().partSize(), settings.transfer().parallelism(), work);

            Path file = work.resolve("data.bin");
            writeData(file, sizeMb * 1_000_000L);
            long bytes = Files.size(file);
            try (S3ObjectStore store = S3ObjectStore.create(settings);
                    S3Client single = S3ObjectStore.client(settings);
                    S3Client singleChunked = S3ObjectStore.client(chunked)) {
                ObjectTransfers transfers = new ObjectTransfers(store, settings.transfer());
                ObjectLocation multi = new ObjectLocation(BUCKET, "multipart.bin");
                ObjectLocation one = new ObjectLocation(BUCKET, "single.bin");

                boolean transfersToo = !"convert".equals(flags.get("only"));
                if (transfersToo) {
                double up = best(rounds, bytes, () -> call(() -> transfers.uploadFile(file, multi, "application/octet-stream")));
                double upSingle = best(rounds, bytes, () -> call(() -> singleChunked.putObject(
                        r -> r.bucket(BUCKET).key(one.key()), RequestBody.fromFile(file))));
                rows.add(row("upload " + sizeMb + " MB: parallel multipart (S3_COMPAT) vs one PutObject stream (aws-chunked)",
                        up, upSingle));

                Path downloads = Files.createDirectories(work.resolve("downloads"));
                double down = best(rounds, bytes, () -> call(() -> transfers.downloadFile(multi, downloads)));
                double downSingle = best(rounds, bytes, () -> call(() -> {
                    try (InputStream in = new HashingInputStream(single.getObject(r -> r.bucket(BUCKET).key(one.key())));
                            OutputStream out = Files.newOutputStream(downloads.resolve("single.bin"))) {
                        return in.transferTo(out);
                    }
                }));
                rows.add(row("download " + sizeMb + " MB (+SHA-256): parallel ranged GETs vs one GetObject stream", down, downSingle));
                Files.deleteIfExists(downloads.resolve("multipart.bin"));
                Files.deleteIfExists(downloads.resolve("single.bin"));
                store.delete(one);
                store.delete(multi);
                }

                StreamConverter converter = converter(converterName);
                Path input = flags.containsKey("input-json") ? Path.of(flags.get("input-json")) : file;
                long inputBytes = Files.size(input);
                ObjectLocation in = new ObjectLocation(BUCKET, "in/input");
                ObjectLocation out = new ObjectLocation(BUCKET, "out/output");
                StoredObject stored = transfers.uploadFile(input, in, "application/json");
                Path localOut = work.resolve("local-output");
                double local = best(rounds, inputBytes, () -> call(() -> {
                    try (InputStream i = new BufferedInputStream(Files.newInputStream(input), 1 << 16);
                            HashingOutputStream o = new HashingOutputStream(
                                    new BufferedOutputStream(Files.newOutputStream(localOut), 1 << 16))) {
                        return converter.convert(i, o);
                    }
                }));
                S3Conversion conversion = new S3Conversion(transfers, converter, "application/xml");
                S3ConversionResult[] last = new S3ConversionResult[1];
                double remote = best(rounds, inputBytes, () -> call(() -> {
                    last[0] = conversion.convert(in, out, Optional.of(stored.sha256()));
                    return last[0];
                }));
                rows.add(row("convert (" + converterName + ") " + inputBytes / 1_000_000 + " MB: S3→S3 vs local file→file",
                        remote, local));
                System.err.println("last S3 conversion: " + last[0]);
            }
        } finally {
            deleteTree(work);
        }
        System.out.println("| measurement | productflow MB/s | reference MB/s | ratio |");
        System.out.println("|---|---:|---:|---:|");
        rows.forEach(System.out::println);
    }

    private static StreamConverter converter(String name) {
        return switch (name) {
            case "identity" -> (in, out) -> in.transferTo(out);
            case "json-xml" -> {
                com.productflow.convert.JsonToXmlConverter converter = new com.productflow.convert.JsonToXmlConverter();
                yield (in, out) -> converter.convert(in, out).records();
            }
            default -> throw new IllegalArgumentException("--converter must be identity or json-xml");
        };
    }

    /** Best of {@code rounds} runs, in MB/s (10^6 bytes). */
    private static double best(int rounds, long bytes, Supplier<Object> run) {
        double best = 0;
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            run.get();
            double seconds = (System.nanoTime() - start) / 1e9;
            best = Math.max(best, bytes / 1e6 / seconds);
        }
        return best;
    }

    private static String row(String name, double mine, double reference) {
        String line = String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.2f |", name, mine, reference, mine / reference);
        System.err.println(line);
        return line;
    }

    interface IoCall<T> {
        T run() throws IOException;
    }

    private static <T> T call(IoCall<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Pseudo-random, incompressible data, written fast (a 1 MiB random block varied per block). */
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
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
