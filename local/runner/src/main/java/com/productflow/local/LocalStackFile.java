package com.productflow.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * {@code .productflow/local.json} in the working folder: the endpoints line of a running {@code productflow local}
 * plus its {@code pid}, so other commands in the same folder find the local stack without flags. Written when the
 * stack is up, removed on a clean exit; a file whose process is gone (killed, crashed) is stale and ignored.
 */
public final class LocalStackFile {
    public static final Path DEFAULT = Path.of(".productflow", "local.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;

    public LocalStackFile(Path path) {
        this.path = path;
    }

    public static LocalStackFile inWorkingFolder() {
        return new LocalStackFile(DEFAULT);
    }

    public Path path() {
        return path;
    }

    /** Writes the endpoints line with this process's pid (temp file + move: a reader never sees half a file). */
    public void write(String endpointsLine) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(endpointsLine);
            node.put("pid", ProcessHandle.current().pid());
            Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "local", ".json.tmp");
            Files.writeString(tmp, JSON.writeValueAsString(node) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path, e);
        }
    }

    /** Removes the file if it is this process's (another stack may have started since in the same folder). */
    public void removeIfOurs() {
        read().filter(n -> n.path("pid").asLong() == ProcessHandle.current().pid()).ifPresent(n -> {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // Left behind, it is detected as stale by the next reader.
            }
        });
    }

    /** The endpoints of a live local stack, or empty when there is no file, it is unreadable, or its process is gone. */
    public Optional<JsonNode> live() {
        return read().filter(n -> n.hasNonNull("pid") && alive(n.get("pid").asLong()));
    }

    /** Alive and a JVM (a killed stack's pid may since belong to another program). */
    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(p -> p.info().command().map(c -> c.contains("java")).orElse(true))
                .orElse(false);
    }

    /** True when a file is there but its process is not (reported once so the user knows why it was ignored). */
    public boolean stale() {
        return read().isPresent() && live().isEmpty();
    }

    private Optional<JsonNode> read() {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(Files.readString(path, StandardCharsets.UTF_8));
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
