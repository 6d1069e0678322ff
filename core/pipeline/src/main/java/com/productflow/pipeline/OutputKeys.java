package com.productflow.pipeline;

import com.productflow.common.BadInputException;
import com.productflow.storage.ObjectLocation;

/**
 * Where the XML of an input goes: the output bucket, a prefix, the input key with its JSON suffix
 * ({@code .json}, {@code .jsonl}, {@code .json.gz}) replaced by {@code .xml}. The same input always maps
 * to the same key, so a rerun overwrites rather than adding a second copy.
 */
public record OutputKeys(String outputBucket, String prefix) {
    private static final String[] SUFFIXES = {".json.gz", ".jsonl.gz", ".jsonl", ".json", ".gz"};

    public OutputKeys {
        if (outputBucket == null || outputBucket.isBlank()) {
            throw new BadInputException("the output bucket is not set (OUTPUT_BUCKET)");
        }
        prefix = prefix == null ? "" : prefix;
    }

    public ObjectLocation outputFor(String inputBucket, String inputKey) {
        String base = inputKey;
        for (String suffix : SUFFIXES) {
            if (base.toLowerCase(java.util.Locale.ROOT).endsWith(suffix)) {
                base = base.substring(0, base.length() - suffix.length());
                break;
            }
        }
        return new ObjectLocation(outputBucket, prefix + base + ".xml");
    }
}
