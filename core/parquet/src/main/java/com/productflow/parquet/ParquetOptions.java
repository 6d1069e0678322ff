package com.productflow.parquet;

import static com.productflow.common.config.SettingsRegistry.CONVERT_MAX_DEPTH;
import static com.productflow.common.config.SettingsRegistry.CONVERT_MAX_NUMBER_LENGTH;
import static com.productflow.common.config.SettingsRegistry.CONVERT_MAX_STRING_LENGTH;
import static com.productflow.common.config.SettingsRegistry.PARQUET_PAGE_BYTES;
import static com.productflow.common.config.SettingsRegistry.PARQUET_ROW_GROUP_BYTES;
import static com.productflow.common.config.SettingsRegistry.PARQUET_WRONG_TYPE;
import static com.productflow.common.config.SettingsRegistry.PARQUET_ZSTD_LEVEL;

import com.productflow.common.config.SettingsSource;
import com.productflow.convert.ConversionOptions;

/**
 * How JSON becomes Parquet. Settings keys (types, defaults and docs in {@code SettingsRegistry}):
 * <ul>
 *   <li>{@code PARQUET_ROW_GROUP_BYTES}: buffered size at which a row group is written out (default 64 MiB;
 *       memory stays about this much plus one page per column, whatever the input size).</li>
 *   <li>{@code PARQUET_PAGE_BYTES}: target page size (default 1 MiB).</li>
 *   <li>{@code PARQUET_ZSTD_LEVEL}: zstd level 1-19 (default 3, DuckDB's default too).</li>
 *   <li>{@code PARQUET_WRONG_TYPE}: {@code text} (default: the value's JSON text goes to {@code extra}) or
 *       {@code reject}.</li>
 *   <li>{@code CONVERT_MAX_DEPTH}, {@code CONVERT_MAX_STRING_LENGTH}, {@code CONVERT_MAX_NUMBER_LENGTH}: the
 *       converter's limits, shared with the XML output.</li>
 * </ul>
 */
public record ParquetOptions(long rowGroupBytes, int pageBytes, int zstdLevel, WrongType wrongType, int maxDepth,
        int maxStringLength, int maxNumberLength) {

    public static final String ROW_GROUP_BYTES = PARQUET_ROW_GROUP_BYTES.key();
    public static final String PAGE_BYTES = PARQUET_PAGE_BYTES.key();
    public static final String ZSTD_LEVEL = PARQUET_ZSTD_LEVEL.key();
    public static final String WRONG_TYPE = PARQUET_WRONG_TYPE.key();

    public static final long DEFAULT_ROW_GROUP_BYTES = PARQUET_ROW_GROUP_BYTES.defaultValue().orElseThrow();
    public static final int DEFAULT_PAGE_BYTES = PARQUET_PAGE_BYTES.defaultValue().orElseThrow().intValue();
    public static final int DEFAULT_ZSTD_LEVEL = PARQUET_ZSTD_LEVEL.defaultValue().orElseThrow();

    public ParquetOptions {
        if (rowGroupBytes < 1 << 16 || pageBytes < 1 << 10 || zstdLevel < 1 || zstdLevel > 19 || wrongType == null
                || maxDepth < 1 || maxStringLength < 1 || maxNumberLength < 1) {
            throw new IllegalArgumentException("invalid Parquet options");
        }
    }

    public static ParquetOptions defaults() {
        return new ParquetOptions(DEFAULT_ROW_GROUP_BYTES, DEFAULT_PAGE_BYTES, DEFAULT_ZSTD_LEVEL, WrongType.TEXT,
                ConversionOptions.DEFAULT_MAX_DEPTH, ConversionOptions.DEFAULT_MAX_STRING_LENGTH,
                ConversionOptions.DEFAULT_MAX_NUMBER_LENGTH);
    }

    /** Reads and validates every key; an invalid value fails naming the key. */
    public static ParquetOptions fromSettings(SettingsSource settings) {
        return new ParquetOptions(
                settings.get(PARQUET_ROW_GROUP_BYTES),
                settings.get(PARQUET_PAGE_BYTES).intValue(),
                settings.get(PARQUET_ZSTD_LEVEL),
                settings.choice(PARQUET_WRONG_TYPE, WrongType.class),
                settings.get(CONVERT_MAX_DEPTH),
                settings.get(CONVERT_MAX_STRING_LENGTH),
                settings.get(CONVERT_MAX_NUMBER_LENGTH));
    }

    public ParquetOptions withWrongType(WrongType value) {
        return new ParquetOptions(rowGroupBytes, pageBytes, zstdLevel, value, maxDepth, maxStringLength, maxNumberLength);
    }

    public ParquetOptions withRowGroupBytes(long value) {
        return new ParquetOptions(value, pageBytes, zstdLevel, wrongType, maxDepth, maxStringLength, maxNumberLength);
    }
}
