package com.productflow.pipeline;

import com.productflow.common.BadInputException;
import com.productflow.storage.ObjectLocation;

/**
 * Where the outputs of an input go: the output bucket, a prefix per format, then the whole input key
 * with the format's suffix appended ({@code incoming/p.json} -> {@code xml/incoming/p.json.xml} and
 * {@code parquet/incoming/p.json.parquet}). Appending keeps the mapping one-to-one: {@code p.json},
 * {@code p.jsonl} and {@code p.json.gz} are three files and get three outputs (replacing the suffix would
 * send all three to {@code p.xml}, each overwriting the other's output while the records still claimed
 * their own checksums). The same input always maps to the same keys, so a rerun overwrites rather than
 * adding a second copy. The Parquet outputs have a prefix of their own (default {@code parquet/}), so an
 * engine reading that prefix sees Parquet only.
 */
public record OutputKeys(String outputBucket, String prefix, String parquetPrefix) {
    public static final String DEFAULT_PARQUET_PREFIX = "parquet/";

    public OutputKeys {
        if (outputBucket == null || outputBucket.isBlank()) {
            throw new BadInputException("the output bucket is not set (OUTPUT_BUCKET)");
        }
        prefix = prefix == null ? "" : prefix;
        parquetPrefix = parquetPrefix == null ? "" : parquetPrefix;
    }

    /** XML under {@code prefix}, Parquet under {@link #DEFAULT_PARQUET_PREFIX}. */
    public OutputKeys(String outputBucket, String prefix) {
        this(outputBucket, prefix, DEFAULT_PARQUET_PREFIX);
    }

    /** The XML output of an input. */
    public ObjectLocation outputFor(String inputBucket, String inputKey) {
        return new ObjectLocation(outputBucket, prefix + inputKey + ".xml");
    }

    /** The Parquet output of an input. */
    public ObjectLocation parquetFor(String inputBucket, String inputKey) {
        return new ObjectLocation(outputBucket, parquetPrefix + inputKey + ".parquet");
    }

    /** The output of an input in {@code format}. */
    public ObjectLocation outputFor(OutputFormat format, String inputBucket, String inputKey) {
        return switch (format) {
            case XML -> outputFor(inputBucket, inputKey);
            case PARQUET -> parquetFor(inputBucket, inputKey);
        };
    }
}
