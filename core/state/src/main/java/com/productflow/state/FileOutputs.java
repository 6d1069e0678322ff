package com.productflow.state;

import com.productflow.common.io.Sha256;
import java.util.Objects;

/**
 * What a successful run produced: the output object's key and SHA-256, how many product records it
 * holds, and how many events were published for it (0 when none).
 */
public record FileOutputs(String outputKey, String outputSha256, long records, long published) {
    public FileOutputs {
        Objects.requireNonNull(outputKey, "outputKey");
        Sha256.requireHex(outputSha256, "outputSha256");
        if (records < 0 || published < 0) {
            throw new IllegalArgumentException("records and published must not be negative");
        }
    }
}
