package com.productflow.bench.cli;

import com.productflow.bench.s3.S3Bench;
import com.productflow.common.BadInputException;
import com.productflow.common.json.SummaryLine;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code productflow bench s3}: S3 transfers and S3→S3 conversion against references in the same run. */
@Command(name = "s3", mixinStandardHelpOptions = true,
        description = {"Against s3proxy on 127.0.0.1 (filesystem store in a temp folder; in this JVM unless --server process):"
                + " parallel multipart upload vs one PutObject, parallel ranged download vs one GetObject,"
                + " S3→S3 conversion vs local file→file conversion.",
            "Prints a Markdown table on stderr and one JSON line on stdout."})
final class S3BenchCommand implements Callable<Integer> {
    @Option(names = "--size-mb", defaultValue = "1024", description = "Data size in MB (default ${DEFAULT-VALUE}).")
    int sizeMb;

    @Option(names = "--rounds", defaultValue = "2", description = "Alternating rounds; the best counts (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--part-size", defaultValue = "8MiB", description = "S3_PART_SIZE (default ${DEFAULT-VALUE}).")
    String partSize;

    @Option(names = "--parallelism", defaultValue = "6", description = "S3_PARALLELISM (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--only", paramLabel = "transfers|convert", description = "Run one half only.")
    String only;

    @Option(names = "--input-json", description = "Product JSON to convert (default: generated, --size-mb).")
    Path inputJson;

    @Option(names = "--http", defaultValue = "apache5", paramLabel = "apache5|url-connection",
            description = "HTTP client of our transfers (default ${DEFAULT-VALUE}).")
    String http;

    @Option(names = "--dir", description = "Work folder (default: the temp folder).")
    Path dir;

    @Option(names = "--part-checksum", paramLabel = "crc32c|crc32|sha256",
            description = "S3_PART_CHECKSUM of our uploads (default: the product's default, crc32c).")
    String partChecksum;

    @Option(names = "--server", defaultValue = "in-process", paramLabel = "in-process|process",
            description = "Run s3proxy in this JVM or in a JVM of its own, whose CPU is then measured exactly"
                    + " (same cores either way; default ${DEFAULT-VALUE}).")
    String server;

    @Override
    public Integer call() throws Exception {
        if (sizeMb < 1 || rounds < 1 || parallelism < 1) {
            throw new BadInputException("--size-mb, --rounds and --parallelism must be at least 1");
        }
        if (!http.equals("apache5") && !http.equals("url-connection")) {
            throw new BadInputException("--http must be apache5 or url-connection, got '" + http + "'");
        }
        if (!server.equals("in-process") && !server.equals("process")) {
            throw new BadInputException("--server must be in-process or process, got '" + server + "'");
        }
        if (only != null && !only.equals("transfers") && !only.equals("convert")) {
            throw new BadInputException("--only must be transfers or convert, got '" + only + "'");
        }
        List<S3Bench.Row> rows = S3Bench.run(new S3Bench.Config(sizeMb, rounds, partSize, parallelism,
                !"convert".equals(only), !"transfers".equals(only), inputJson,
                dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir")), http, partChecksum, server), System.err);
        System.err.print(S3Bench.table(rows));
        SummaryLine summary = new SummaryLine().put("sizeMb", sizeMb).put("partSize", partSize).put("parallelism", parallelism).put("http", http)
                .put("partChecksum", partChecksum == null ? "default" : partChecksum).put("server", server);
        String[] names = {"upload", "download", "convert"};
        for (S3Bench.Row row : rows) {
            String name = row.name().startsWith("upload") ? names[0] : row.name().startsWith("download") ? names[1] : names[2];
            summary.put(name + "MBps", BenchCommand.round(row.mbps())).put(name + "ReferenceMBps", BenchCommand.round(row.referenceMbps()))
                    .put(name + "Ratio", BenchCommand.round(row.ratio()))
                    .put(name + "ClientCpuMBps", BenchCommand.round(row.clientCpuMbps()))
                    .put(name + "ReferenceClientCpuMBps", BenchCommand.round(row.referenceClientCpuMbps()))
                    .put(name + "CpuRatio", BenchCommand.round(row.cpuRatio()));
        }
        System.out.println(summary);
        return 0;
    }
}
