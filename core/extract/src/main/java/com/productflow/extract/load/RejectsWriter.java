package com.productflow.extract.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The rejects file: a CSV with {@code line,column,reason,record}, where {@code record} is the rejected
 * record exactly as it was in the input. Written to a temporary sibling and moved into place only when
 * the load commits, so a failed load leaves no partial rejects file behind.
 */
final class RejectsWriter implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private BufferedWriter out;
    private long count;

    RejectsWriter(Path target) {
        this.target = target.toAbsolutePath();
        this.temp = this.target.resolveSibling(this.target.getFileName() + ".partial");
    }

    void reject(long line, String column, String reason, String raw) throws IOException {
        if (out == null) {
            Files.createDirectories(temp.getParent());
            out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
            out.write("line,column,reason,record\r\n");
        }
        out.write(Long.toString(line));
        out.write(',');
        out.write(quote(column));
        out.write(',');
        out.write(quote(reason));
        out.write(',');
        out.write(quote(raw));
        out.write("\r\n");
        count++;
    }

    long count() {
        return count;
    }

    /** Publishes the rejects file (or removes a stale one when nothing was rejected); returns its path or null. */
    Path commit() throws IOException {
        if (out == null) {
            Files.deleteIfExists(target);
            return null;
        }
        out.close();
        out = null;
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** Drops the partial file (the load failed). */
    @Override
    public void close() {
        try {
            if (out != null) {
                out.close();
                out = null;
            }
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + temp, e);
        }
    }

    private static String quote(String value) {
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
