package com.productflow.stack.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Moves out of s3proxy's file-system store the object writes a crash cut short, before the server starts on it
 * again.
 *
 * <p>s3proxy 4.x writes an object (a PutObject, a copy, a completed multipart upload) to a temporary file next to
 * its final one, named {@code <name>-<random UUID>}, then renames it over the final name. A process killed before
 * the rename leaves that file behind, and s3proxy lists it as an object: {@code key-<UUID>}, which no client ever
 * wrote. Real S3 has no such state (a PutObject either stores the whole object or nothing).
 *
 * <p>Such a file cannot be told from an object a client really stored under a key ending in {@code -} and a
 * version-4 UUID, so nothing is deleted: each one is moved, with its bucket and folders, under a sibling folder
 * of the store ({@code <store>-torn-writes}) and named on stderr; moving it back restores it.
 */
final class TornObjectWrites {
    /** {@code <name>-<UUID.randomUUID()>}: what s3proxy names a write in progress. */
    private static final Pattern TEMPORARY = Pattern.compile(
            ".+-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    private TornObjectWrites() {
    }

    /** Where the files found under {@code root} are moved. */
    static Path asideFolder(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + "-torn-writes");
    }

    /** Moves every cut-short write under {@code root} aside; returns each as {@code s3://bucket/key -> path}. */
    static List<String> moveAside(Path root) {
        Path aside = asideFolder(root);
        List<String> moved = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path relative : files.map(root::relativize).filter(r -> isTemporary(root, r)).toList()) {
                Path file = root.resolve(relative);
                Path target = aside.resolve(relative);
                Files.createDirectories(target.getParent());
                Files.move(file, target);
                String bucket = relative.getName(0).toString();
                String key = relative.subpath(1, relative.getNameCount()).toString().replace(file.getFileSystem().getSeparator(), "/");
                moved.add("s3://" + bucket + "/" + key + " -> " + target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the writes a crash cut short out of the S3 store " + root, e);
        }
        return moved;
    }

    /** A file in a bucket, named like a write in progress, and not under one of s3proxy's own hidden entries. */
    private static boolean isTemporary(Path root, Path relative) {
        if (relative.getNameCount() < 2 || !TEMPORARY.matcher(relative.getFileName().toString()).matches()) {
            return false;
        }
        for (Path name : relative) {
            if (name.toString().startsWith(".")) {
                return false; // open uploads' parts, versions and folder markers live under dot-names
            }
        }
        return Files.isRegularFile(root.resolve(relative));
    }
}
