package com.productflow.functions;

import com.productflow.common.io.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Deterministic Step Functions execution names: the same object (bucket, key, version or ETag) always
 * gets the same name, so a duplicate S3 event starts nothing new ({@code ExecutionAlreadyExists}).
 * A readable tail of the key helps people find it; the digest makes it unique. At most 80 characters
 * from {@code [A-Za-z0-9_-]}, as Step Functions requires.
 */
public final class ExecutionNames {
    private static final int MAX = 80;
    private static final int DIGEST_CHARS = 32;

    private ExecutionNames() {}

    public static String of(ObjectRef object) {
        String identity = object.versionId() != null ? "v#" + object.versionId() : "e#" + object.etag();
        String digest = Sha256.of((object.bucket() + "/" + object.key() + "\n" + identity).getBytes(StandardCharsets.UTF_8))
                .substring(0, DIGEST_CHARS);
        String leaf = object.key().substring(object.key().lastIndexOf('/') + 1);
        String readable = leaf.replaceAll("[^A-Za-z0-9_-]", "_").toLowerCase(Locale.ROOT);
        int room = MAX - DIGEST_CHARS - 1;
        if (readable.length() > room) {
            readable = readable.substring(0, room);
        }
        return readable.isEmpty() ? digest : readable + "-" + digest;
    }
}
