package com.productflow.parquet;

import com.productflow.common.config.SettingsSource;
import com.productflow.convert.ConversionOptions;

/**
 * How JSON becomes Parquet. Settings keys (documented in {@code .env.sample}):
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

    public static final String ROW_GROUP_BYTES = "PARQUET_ROW_GROUP_BYTES";
    public static final String PAGE_BYTES = "PARQUET_PAGE_BYTES";
    public static final String ZSTD_LEVEL = "PARQUET_ZSTD_LEVEL";
    public static final String WRONG_TYPE = "PARQUET_WRONG_TYPE";

    public static final long DEFAULT_ROW_GROUP_BYTES = 64L << 20;
    public static final int DEFAULT_PAGE_BYTES = 1 << 20;
    public static final int DEFAULT_ZSTD_LEVEL = 3;

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
                settings.bytes(ROW_GROUP_BYTES, DEFAULT_ROW_GROUP_BYTES, 1L << 16, 1L << 30),
                (int) settings.bytes(PAGE_BYTES, DEFAULT_PAGE_BYTES, 1L << 10, 64L << 20),
                settings.integer(ZSTD_LEVEL, DEFAULT_ZSTD_LEVEL, 1, 19),
                settings.choice(WRONG_TYPE, WrongType.class, WrongType.TEXT),
                settings.integer(ConversionOptions.MAX_DEPTH, ConversionOptions.DEFAULT_MAX_DEPTH, 1, 1_000_000),
                settings.integer(ConversionOptions.MAX_STRING_LENGTH, ConversionOptions.DEFAULT_MAX_STRING_LENGTH, 1,
                        Integer.MAX_VALUE - 16),
                settings.integer(ConversionOptions.MAX_NUMBER_LENGTH, ConversionOptions.DEFAULT_MAX_NUMBER_LENGTH, 1,
                        Integer.MAX_VALUE - 16));
    }

    public ParquetOptions withWrongType(WrongType value) {
        return new ParquetOptions(rowGroupBytes, pageBytes, zstdLevel, value, maxDepth, maxStringLength, maxNumberLength);
    }

    public ParquetOptions withRowGroupBytes(long value) {
        return new ParquetOptions(value, pageBytes, zstdLevel, wrongType, maxDepth, maxStringLength, maxNumberLength);
    }
}
