package com.productflow.pipeline;

import com.productflow.common.config.SettingsSource;
import com.productflow.parquet.JsonToParquetConverter;
import com.productflow.parquet.ParquetOptions;

/**
 * The Parquet output of a conversion. Apart so that only a module that writes Parquet loads
 * parquet-java: productflow-parquet is an optional dependency of this module, which the function jars
 * other than the convert function's do not carry.
 */
final class ParquetEncoding {
    private ParquetEncoding() {}

    /** JSON to Parquet with the {@code PARQUET_*} (and {@code CONVERT_MAX_*}) settings. */
    static S3Conversion.Encoding fromSettings(SettingsSource settings) {
        return new S3Conversion.Encoding(new JsonToParquetConverter(ParquetOptions.fromSettings(settings))::convert,
                JsonToParquetConverter.CONTENT_TYPE);
    }
}
