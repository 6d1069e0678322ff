package com.productflow.cli;

import com.productflow.common.BadInputException;
import com.productflow.common.config.Setting;
import com.productflow.common.config.SettingsRegistry;
import com.productflow.common.config.SettingsSource;
import com.productflow.common.json.SummaryLine;
import com.productflow.convert.ConversionOptions;
import com.productflow.parquet.JsonToParquetConverter;
import com.productflow.parquet.ParquetOptions;
import com.productflow.pipeline.S3Conversion;
import com.productflow.pipeline.S3ConversionResult;
import com.productflow.storage.ObjectLocation;
import com.productflow.storage.ObjectTransfers;
import com.productflow.storage.S3ObjectStore;
import com.productflow.storage.S3Settings;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code productflow s3-convert}: JSON object in S3 → XML (or Parquet) object in S3, streamed, checksummed, atomic. */
@Command(
        name = "s3-convert",
        mixinStandardHelpOptions = true,
        description = {
            "Converts a JSON product file in S3 into the XML feed in S3, streaming: parallel ranged reads in,"
                    + " parallel multipart upload out, no local disk, bounded memory.",
            "The output appears only when complete, with its SHA-256 as user metadata 'sha256';"
                    + " on any failure (a --expect-sha256 mismatch included) no output is written.",
            "Defaults for --input/--output: s3://$S3_BUCKET/$S3_JSON_KEY and s3://$S3_BUCKET/$S3_XML_KEY.",
        })
public final class S3ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--input", paramLabel = "s3://BUCKET/KEY", description = "The JSON object to read.")
    String input;

    @Option(names = "--output", paramLabel = "s3://BUCKET/KEY", description = "The XML or Parquet object to write (replaced if it exists).")
    String output;

    @Option(names = "--format", paramLabel = "xml|parquet", defaultValue = "xml",
            description = "Output format (default xml); parquet needs --output. Settings PARQUET_* apply.")
    String format;

    @Option(names = "--expect-sha256", paramLabel = "HEX",
            description = "The input's SHA-256 recorded at ingest; a different input fails with exit code 2 and writes nothing.")
    String expectSha256;

    @Mixin
    S3Options s3;

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        SettingsSource settings = s3.settings();
        ObjectLocation in = ObjectLocation.parse(uri(input, settings, SettingsRegistry.S3_JSON_KEY, "--input"));
        ConvertFormat outputFormat = ConvertFormat.parse("--format", format);
        if (outputFormat == ConvertFormat.PARQUET && output == null) {
            throw new BadInputException("--output is required with --format parquet");
        }
        ObjectLocation out = ObjectLocation.parse(uri(output, settings, SettingsRegistry.S3_XML_KEY, "--output"));
        S3Settings s3Settings = s3.s3Settings(settings);
        S3ConversionResult result;
        try (S3ObjectStore store = S3ObjectStore.create(s3Settings)) {
            ObjectTransfers transfers = new ObjectTransfers(store, s3Settings.transfer());
            // The convert function's conversions, with the same CONVERT_* and PARQUET_* settings.
            S3Conversion conversion = switch (outputFormat) {
                case XML -> S3Conversion.productFeed(transfers, ConversionOptions.fromSettings(settings));
                case PARQUET -> new S3Conversion(transfers,
                        new JsonToParquetConverter(ParquetOptions.fromSettings(settings))::convert, JsonToParquetConverter.CONTENT_TYPE);
            };
            result = conversion.convert(in, out, Optional.ofNullable(expectSha256));
        }
        SummaryLine summary = new SummaryLine()
                .put("input", in.toString())
                .put("output", out.toString())
                .put("format", outputFormat.id())
                .put("records", result.records())
                .put("bytesIn", result.bytesIn())
                .put("bytesOut", result.bytesOut())
                .put("inputSha256", result.inputSha256())
                .put("outputSha256", result.outputSha256())
                .put("parts", result.outputParts());
        spec.commandLine().getOut().println(summary.seconds(start));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The flag, else the prototype's S3_BUCKET + key setting. */
    private static String uri(String flag, SettingsSource settings, Setting<String> keySetting, String flagName) {
        if (flag != null) {
            return flag;
        }
        Optional<String> bucket = settings.optional(SettingsRegistry.S3_BUCKET);
        Optional<String> key = settings.optional(keySetting);
        if (bucket.isPresent() && key.isPresent()) {
            return "s3://" + bucket.get() + "/" + key.get();
        }
        throw new BadInputException(flagName + " is required (or set S3_BUCKET and " + keySetting.key() + ")");
    }
}
