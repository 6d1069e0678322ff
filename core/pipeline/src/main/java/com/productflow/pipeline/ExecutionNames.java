package com.productflow.pipeline;

import com.productflow.common.io.Sha256;
import com.productflow.state.FileId;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Deterministic Step Functions execution names. The same upload (bucket, key, version or ETag) always
 * gets the same first name, so a duplicate S3 event starts nothing new; each redriven attempt gets its
 * own name ({@code -a<attempt>}), equally deterministic, so a duplicate redrive starts nothing either.
 * At most 80 characters from {@code [A-Za-z0-9_-]}: a readable tail of the key, then a digest.
 */
public final class ExecutionNames {
    private static final int MAX = 80;
    private static final int DIGEST_CHARS = 32;
    private static final int SUFFIX_ROOM = 6; // "-a" + up to 4 digits

    private ExecutionNames() {}

    public static String forFile(FileId file) {
        String digest = Sha256.of((file.partitionKey() + "\n" + file.sortKey()).getBytes(StandardCharsets.UTF_8))
                .substring(0, DIGEST_CHARS);
        String leaf = file.key().substring(file.key().lastIndexOf('/') + 1);
        String readable = leaf.replaceAll("[^A-Za-z0-9_-]", "_").toLowerCase(Locale.ROOT);
        int room = MAX - SUFFIX_ROOM - DIGEST_CHARS - 1;
        if (readable.length() > room) {
            readable = readable.substring(0, room);
        }
        return readable.isEmpty() ? digest : readable + "-" + digest;
    }

    /** The name of attempt {@code attempt} (1 = the first, started by ingest). */
    public static String forAttempt(FileId file, int attempt) {
        return attempt <= 1 ? forFile(file) : forFile(file) + "-a" + attempt;
    }
}
