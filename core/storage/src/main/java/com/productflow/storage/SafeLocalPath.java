package com.productflow.storage;

import com.productflow.common.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns an S3 key (data from outside) into a file path that is guaranteed to stay inside a working
 * folder. Rejected, with the reason: empty keys, NUL and control characters, absolute paths
 * ({@code /etc/x}, {@code \x}, {@code C:x}), {@code .}, {@code ..} and empty segments, backslashes,
 * and segments longer than a file name may be. A key that passes maps to the same relative path on
 * every platform, and the resolved path is checked once more after normalisation.
 */
public final class SafeLocalPath {
    private static final int MAX_SEGMENT_BYTES = 255;

    private SafeLocalPath() {}

    /** The file inside {@code folder} that {@code key} names; throws {@link BadInputException} if it would escape. */
    public static Path resolve(Path folder, String key) {
        if (key == null || key.isEmpty()) {
            throw reject(key, "it is empty");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw reject(key, "it contains a control character at index " + i);
            }
            if (c == '\\') {
                throw reject(key, "it contains a backslash");
            }
        }
        if (key.startsWith("/")) {
            throw reject(key, "it is an absolute path");
        }
        if (key.length() >= 2 && key.charAt(1) == ':') {
            throw reject(key, "it starts with a drive letter");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty()) {
                throw reject(key, "it has an empty path segment");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw reject(key, "it has a '" + segment + "' segment");
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw reject(key, "a segment is longer than " + MAX_SEGMENT_BYTES + " bytes");
            }
        }
        Path root = folder.toAbsolutePath().normalize();
        Path resolved = root.resolve(key).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw reject(key, "it resolves outside " + root);
        }
        return resolved;
    }

    /**
     * Like {@link #resolve}, and also creates the parent folders and checks, through symbolic links,
     * that the parent really lies inside {@code folder}.
     */
    public static Path prepare(Path folder, String key) throws IOException {
        Path file = resolve(folder, key);
        Files.createDirectories(file.getParent());
        Path realRoot = folder.toRealPath();
        if (!file.getParent().toRealPath().startsWith(realRoot)) {
            throw reject(key, "a folder on its way is a link out of " + realRoot);
        }
        return file;
    }

    private static BadInputException reject(String key, String reason) {
        String shown = key == null ? "null" : key.replaceAll("\\p{Cntrl}", "?");
        if (shown.length() > 200) {
            shown = shown.substring(0, 200) + "...";
        }
        return new BadInputException("object key '" + shown + "' cannot be a local file name: " + reason);
    }
}
