package com.productflow.pipeline;

import com.productflow.common.BadInputException;
import com.productflow.storage.ObjectLocation;

/**
 * Where the XML of an input goes: the output bucket, a prefix, then the whole input key with
 * {@code .xml} appended ({@code incoming/p.json} -> {@code xml/incoming/p.json.xml}). Appending keeps
 * the mapping one-to-one: {@code p.json}, {@code p.jsonl} and {@code p.json.gz} are three files and get
 * three outputs (replacing the suffix would send all three to {@code p.xml}, each overwriting the
 * other's output while the records still claimed their own checksums). The same input always maps to
 * the same key, so a rerun overwrites rather than adding a second copy.
 */
public record OutputKeys(String outputBucket, String prefix) {
    public OutputKeys {
        if (outputBucket == null || outputBucket.isBlank()) {
            throw new BadInputException("the output bucket is not set (OUTPUT_BUCKET)");
        }
        prefix = prefix == null ? "" : prefix;
    }

    public ObjectLocation outputFor(String inputBucket, String inputKey) {
        return new ObjectLocation(outputBucket, prefix + inputKey + ".xml");
    }
}
