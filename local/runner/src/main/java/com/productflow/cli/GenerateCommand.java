package com.productflow.cli;

import com.productflow.common.BadInputException;
import com.productflow.common.ProductflowException;
import com.productflow.common.json.SummaryLine;
import com.productflow.samples.ProductGenerator;
import com.productflow.samples.ProductGenerator.Format;
import com.productflow.samples.ProductGenerator.WriteResult;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code productflow generate}: writes N realistic products (or about M megabytes) for tests and benchmarks. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Writes realistic products (valid unique EAN-13s, prices per region, hostile text in ~12%%)"
                    + " as a JSON array, JSON Lines or CSV (RFC 4180, the products.csv columns).",
            "The same --seed and --reference-date always give the same bytes.",
        })
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--format", required = true, paramLabel = "json|jsonl|csv", description = "Output format.")
    String format;

    @Option(names = "--count", paramLabel = "N", description = "Number of products (>= 0).")
    Long count;

    @Option(names = "--size-mb", paramLabel = "MB",
            description = "Instead of --count: write products until at least MB megabytes (10^6 bytes, before gzip).")
    Long sizeMb;

    @Option(names = "--output", required = true, paramLabel = "PATH|-",
            description = "File to write (via a temp file in its folder, then an atomic move), or - for stdout.")
    String output;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--reference-date", paramLabel = "YYYY-MM-DD",
            description = "'Today' for readiness dates and timestamps (default: 2026-11-25).")
    String referenceDate;

    @Option(names = "--gzip", description = "Gzip the output.")
    boolean gzip;

    @Override
    public Integer call() throws IOException {
        Format chosen = parseFormat();
        LocalDate reference = parseReferenceDate();
        if ((count == null) == (sizeMb == null)) {
            throw new BadInputException("give exactly one of --count or --size-mb");
        }
        if (count != null && count < 0) {
            throw new BadInputException("--count must be >= 0, got " + count);
        }
        if (sizeMb != null && (sizeMb < 0 || sizeMb > Long.MAX_VALUE / 1_000_000)) {
            throw new BadInputException("--size-mb must be >= 0, got " + sizeMb);
        }
        ProductGenerator generator = new ProductGenerator(seed, reference);
        long start = System.nanoTime();
        if ("-".equals(output)) {
            OutputStream stdout = new BufferedOutputStream(new StdoutStream(System.out), 1 << 16);
            write(generator, chosen, stdout);
            stdout.flush();
            return 0;
        }
        Path target = Path.of(output).toAbsolutePath().normalize();
        Path folder = target.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new BadInputException("--output: folder does not exist: " + folder);
        }
        if (Files.isDirectory(target)) {
            throw new BadInputException("--output: is a folder, expected a file: " + target);
        }
        // A hidden sibling, created new with the usual permissions (createTempFile would make it 0600).
        Path temp = folder.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        WriteResult result;
        try {
            try (OutputStream file = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                result = write(generator, chosen, file);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        SummaryLine summary = new SummaryLine()
                .put("format", chosen.id())
                .put("records", result.records())
                .put("bytes", Files.size(target))
                .put("output", target.toString());
        if (gzip) {
            summary.put("gzip", true).put("uncompressedBytes", result.bytes());
        }
        spec.commandLine().getOut().println(summary.seconds(start));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Writes to {@code out} (gzipped if asked); flushes, leaves {@code out} open. */
    private WriteResult write(ProductGenerator generator, Format chosen, OutputStream out) throws IOException {
        OutputStream sink = out;
        GZIPOutputStream zip = null;
        if (gzip) {
            zip = new GZIPOutputStream(out, 1 << 16);
            sink = zip;
        }
        WriteResult result = count != null
                ? generator.write(chosen, count, sink)
                : generator.writeUntilBytes(chosen, sizeMb * 1_000_000, sink);
        if (zip != null) {
            zip.finish();
        }
        out.flush();
        return result;
    }

    /**
     * System.out swallows write errors; this reports them, so {@code generate ... | head} stops
     * at the closed pipe instead of generating the rest for nobody.
     */
    private static final class StdoutStream extends OutputStream {
        private final PrintStream out;

        StdoutStream(PrintStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            if (out.checkError()) {
                throw new ProductflowException("stdout was closed (e.g. by a pipe) after "
                        + "part of the output; stopped");
            }
        }

        @Override
        public void flush() {
            out.flush();
        }
    }

    private Format parseFormat() {
        try {
            return Format.parse(format);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--format: " + e.getMessage());
        }
    }

    private LocalDate parseReferenceDate() {
        if (referenceDate == null) {
            return ProductGenerator.DEFAULT_REFERENCE_DATE;
        }
        try {
            return LocalDate.parse(referenceDate.trim());
        } catch (DateTimeParseException e) {
            throw new BadInputException("--reference-date: '" + referenceDate + "' is not a date (YYYY-MM-DD)");
        }
    }
}
