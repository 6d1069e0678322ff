package com.productflow.pipeline;

import com.productflow.common.config.SettingsSource;
import com.productflow.convert.ConversionOptions;
import com.productflow.convert.JsonToXmlConverter;
import com.productflow.storage.ObjectTransfers;
import java.util.ArrayList;
import java.util.List;

/**
 * What the convert task writes: the formats of {@code OUTPUT_FORMATS}, in publication order, and the
 * one {@link S3Conversion} that writes them all from one read of the input (its encodings in the same
 * order).
 */
public record ProductOutputs(List<OutputFormat> formats, S3Conversion conversion) {
    public ProductOutputs {
        formats = List.copyOf(formats);
        if (formats.isEmpty() || formats.size() != conversion.outputs()) {
            throw new IllegalArgumentException(formats + " do not match a conversion of " + conversion.outputs() + " outputs");
        }
    }

    /** The XML feed only (OUTPUT_FORMATS=xml). */
    public static ProductOutputs xml(S3Conversion productFeed) {
        return new ProductOutputs(List.of(OutputFormat.XML), productFeed);
    }

    /**
     * The formats of {@code OUTPUT_FORMATS}, with the {@code CONVERT_*} settings for the XML and the
     * {@code PARQUET_*} ones for the Parquet. Every setting is read and validated now, so a bad value
     * fails at start naming its key.
     */
    public static ProductOutputs fromSettings(ObjectTransfers transfers, SettingsSource settings) {
        List<OutputFormat> formats = OutputFormat.fromSettings(settings);
        List<S3Conversion.Encoding> encodings = new ArrayList<>();
        for (OutputFormat format : formats) {
            encodings.add(switch (format) {
                case XML -> new S3Conversion.Encoding(new JsonToXmlConverter(ConversionOptions.fromSettings(settings))::convert,
                        S3Conversion.XML);
                case PARQUET -> ParquetEncoding.fromSettings(settings);
            });
        }
        return new ProductOutputs(formats, new S3Conversion(transfers, encodings));
    }
}
