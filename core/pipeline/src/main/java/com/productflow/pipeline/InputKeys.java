package com.productflow.pipeline;

import java.util.List;

/**
 * Which objects are input files: keys ending in {@code .json}, {@code .jsonl} or {@code .json.gz},
 * exactly so (case-sensitive: {@code P.JSON} is not an input). The EventBridge rule in template.yaml
 * (IngestFunction's {@code ObjectCreated} event) filters keys with one case-sensitive wildcard per
 * suffix, so the backfill ({@link InputListing}) and the local watcher accept exactly what AWS delivers;
 * checks' {@code InputKeysTemplateTest} holds the template to this list.
 */
public final class InputKeys {
    /** The accepted endings, in the order the template lists its wildcards. */
    public static final List<String> SUFFIXES = List.of(".json", ".jsonl", ".json.gz");

    private InputKeys() {}

    public static boolean accepted(String key) {
        return SUFFIXES.stream().anyMatch(key::endsWith);
    }
}
