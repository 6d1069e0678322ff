package com.productflow.state;

import com.productflow.common.io.Sha256;
import java.util.Objects;

/**
 * What a successful run produced: the XML output's key and SHA-256 ({@code outputKey},
 * {@code outputSha256}; null when no XML was written), how many product records it holds, how many
 * events were published for it (0 when none), and the Parquet output when one was written
 * ({@code parquetKey}, {@code parquetSha256}, {@code parquetRows}, {@code parquetBytes}; all null
 * otherwise). At least one output is named.
 */
public record FileOutputs(String outputKey, String outputSha256, long records, long published,
        String parquetKey, String parquetSha256, Long parquetRows, Long parquetBytes) {
    public FileOutputs {
        if (outputKey == null && parquetKey == null) {
            throw new NullPointerException("outputKey: a run produces at least one output (XML or Parquet)");
        }
        if (outputKey != null) {
            Sha256.requireHex(outputSha256, "outputSha256");
        }
        if (parquetKey != null) {
            Sha256.requireHex(parquetSha256, "parquetSha256");
            Objects.requireNonNull(parquetRows, "parquetRows");
            Objects.requireNonNull(parquetBytes, "parquetBytes");
            if (parquetRows < 0 || parquetBytes < 0) {
                throw new IllegalArgumentException("parquetRows and parquetBytes must not be negative");
            }
        }
        if (records < 0 || published < 0) {
            throw new IllegalArgumentException("records and published must not be negative");
        }
    }

    /** The XML output only. */
    public FileOutputs(String outputKey, String outputSha256, long records, long published) {
        this(outputKey, outputSha256, records, published, null, null, null, null);
    }
}
