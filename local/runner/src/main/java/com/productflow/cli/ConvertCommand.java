package com.productflow.cli;

import com.productflow.common.BadInputException;
import com.productflow.common.config.SettingsRegistry;
import com.productflow.common.config.SettingsSource;
import com.productflow.common.json.SummaryLine;
import com.productflow.convert.ConversionOptions;
import com.productflow.convert.ConversionResult;
import com.productflow.convert.FileConversion;
import com.productflow.convert.IndentedXml;
import com.productflow.convert.JsonToXmlConverter;
import com.productflow.convert.ProgressListener;
import com.productflow.convert.StreamConversion;
import com.productflow.parquet.JsonToParquetConverter;
import com.productflow.parquet.ParquetOptions;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code productflow convert}: JSON (array or JSON Lines, plain or gzip) to the product-feed XML, or
 * (with {@code --format parquet}) to Parquet in the typed product schema.
 * Settings come from defaults, {@code .env}, the environment and then these flags (see the Converter
 * section of {@code .env.sample}). Into a file the conversion is all or nothing.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Converts product JSON (array or JSON Lines, optionally gzip) to the product-feed XML or to Parquet.",
            "Prints a one-line JSON summary unless the output is stdout. Exit 0 ok, 2 bad input, 1 other failure."})
public final class ConvertCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "PATH|-", description = "JSON file, or - for stdin.")
    String input;

    @Option(names = "--output", required = true, paramLabel = "PATH|-", description = "XML or Parquet file, or - for stdout.")
    String output;

    @Option(names = "--format", paramLabel = "xml|parquet", defaultValue = "xml",
            description = "Output format (default xml). Parquet: zstd, typed product schema (./productflow schema parquet).")
    String format;

    @Option(names = "--indent", description = "Pretty-print the XML (one element per line, two spaces a level). Off by default.")
    boolean indent;

    @Option(names = "--wrong-type", descriptionKey = "PARQUET_WRONG_TYPE", paramLabel = "text|reject",
            description = "Parquet: a value of the wrong type goes to the extra map as text (default) or fails. Setting PARQUET_WRONG_TYPE.")
    String wrongType;

    @Mixin
    SettingFlags flags;

    @Option(names = "--profile", descriptionKey = "CONVERT_PROFILE", paramLabel = "FILE", description = "Mapping profile (element names); default: the product feed. Setting CONVERT_PROFILE.")
    String profile;

    @Option(names = "--nulls", descriptionKey = "CONVERT_NULLS", paramLabel = "omit|empty|nil", description = "What JSON null becomes (default omit). Setting CONVERT_NULLS.")
    String nulls;

    @Option(names = "--strict", descriptionKey = "CONVERT_STRICT",
            description = "Reject characters XML 1.0 forbids instead of writing U+FFFD. Setting CONVERT_STRICT.")
    Boolean strict;

    @Override
    public Integer call() throws Exception {
        return convert(flags.settings());
    }

    /** Runs the conversion these fields ask for, with {@code settings} (the flags' on top): both ways of reading a command line end here. */
    int convert(SettingsSource settings) throws Exception {
        ConvertFormat outputFormat = ConvertFormat.parse("--format", format);
        if (indent && outputFormat != ConvertFormat.XML) {
            throw new BadInputException("--indent applies to --format xml only");
        }
        StreamConversion converter = switch (outputFormat) {
            case XML -> indent ? new IndentedXml(new JsonToXmlConverter(ConversionOptions.fromSettings(settings)))
                    : new JsonToXmlConverter(ConversionOptions.fromSettings(settings));
            case PARQUET -> new JsonToParquetConverter(ParquetOptions.fromSettings(settings));
        };
        boolean fsync = settings.get(SettingsRegistry.CONVERT_FSYNC);

        boolean fromStdin = input.equals("-");
        Path inputPath = fromStdin ? null : Path.of(input);
        if (inputPath != null && !Files.isRegularFile(inputPath)) {
            throw new BadInputException("--input " + input + ": no such file");
        }
        long size = inputPath == null ? -1 : Files.size(inputPath);
        TerminalProgress terminal = System.console() != null ? new TerminalProgress(System.err, size) : null;
        ProgressListener progress = terminal != null ? terminal : ProgressListener.NONE;

        long start = System.nanoTime();
        ConversionResult result;
        try (InputStream in = fromStdin ? System.in : Files.newInputStream(inputPath)) {
            if (output.equals("-")) {
                OutputStream out = new FileOutputStream(FileDescriptor.out);
                converter.convert(in, out, progress, false);
                out.flush();
                return 0;
            }
            result = FileConversion.convert(converter, in, Path.of(output), progress, fsync);
        } finally {
            if (terminal != null) {
                terminal.finish();
            }
        }
        System.out.println(new SummaryLine()
                .put("format", outputFormat.id())
                .put("records", result.records())
                .put("bytesIn", result.bytesIn())
                .put("bytesOut", result.bytesOut())
                .put("inputSha256", result.inputSha256())
                .put("outputSha256", result.outputSha256())
                .seconds(start));
        return 0;
    }
}
