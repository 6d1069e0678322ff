package com.productflow.local;

import com.productflow.common.io.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A class data sharing archive per local function (JDK 17's dynamic AppCDS): the first run of a function's JVM
 * records the classes it loaded into an archive when it exits ({@code -XX:ArchiveClassesAtExit}), later runs
 * map them ready-parsed and verified ({@code -XX:SharedArchiveFile}). It changes how fast classes load, never
 * which classes or code run: the JVM itself refuses an archive whose class path (each jar's size and mtime)
 * or JVM build differs, and falls back to loading from the jar ({@code -Xshare:auto}). Start-up of the six
 * function JVMs is most of {@code local}'s ready time on two cores (docs/local.md has the figures).
 *
 * <p>An archive's name carries a key of the class path's jars (path, size, mtime) and the JVM, so a rebuilt jar
 * or another JDK makes a new one and the old ones of that function are deleted. A JVM dumps into a private
 * temporary name; {@link Recording#finish()} renames it into place once the JVM has exited, so a JVM killed
 * mid-dump never leaves a half-written archive where the next run would read it.
 */
final class ClassDataArchives {
    /** The JVM's own CDS messages (e.g. the classes it cannot archive) would only clutter the function's log. */
    private static final String QUIET = "-Xlog:cds=off,cds+dynamic=off";
    /** A dump is written in seconds; one older than this was left by a JVM killed while writing it. */
    private static final Duration ABANDONED_DUMP = Duration.ofMinutes(10);

    private final Path folder;

    ClassDataArchives(Path folder) {
        this.folder = folder;
    }

    /** The JVM flags for a function's JVM with this class path, and what to do once that JVM has exited. */
    Recording forFunction(String function, List<Path> classPath) throws IOException {
        Files.createDirectories(folder);
        Path archive = folder.resolve(function + "-" + key(classPath) + ".jsa");
        if (Files.isRegularFile(archive)) {
            return new Recording(List.of("-XX:SharedArchiveFile=" + archive, QUIET), null, archive);
        }
        deleteOlder(function);
        Path dump = folder.resolve(function + "-" + UUID.randomUUID() + ".jsa.tmp");
        return new Recording(List.of("-XX:ArchiveClassesAtExit=" + dump, QUIET), dump, archive);
    }

    /** The flags to pass, and (when this run records the archive) where the JVM dumps it and where it goes. */
    record Recording(List<String> jvmFlags, Path dump, Path archive) {
        /** After the JVM exited: a complete dump becomes the archive; anything else is removed. */
        void finish(boolean exitedCleanly) throws IOException {
            if (dump == null || !Files.exists(dump)) {
                return;
            }
            if (!exitedCleanly || Files.size(dump) == 0) {
                Files.deleteIfExists(dump);
                return;
            }
            try {
                Files.move(dump, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.deleteIfExists(dump);
            }
        }

        boolean records() {
            return dump != null;
        }
    }

    private void deleteOlder(String function) throws IOException {
        long abandoned = System.currentTimeMillis() - ABANDONED_DUMP.toMillis();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith(function + "-")).toList()) {
                String name = p.getFileName().toString();
                boolean archive = name.substring(function.length() + 1).matches("[0-9a-f]{16}\\.jsa");
                // A recent .tmp may be another run's dump in progress; an old one is a killed JVM's.
                if (archive || name.endsWith(".jsa.tmp") && Files.getLastModifiedTime(p).toMillis() < abandoned) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static String key(List<Path> classPath) throws IOException {
        MessageDigest sha = Sha256.newDigest();
        StringBuilder text = new StringBuilder(System.getProperty("java.home")).append('\n')
                .append(System.getProperty("java.vm.version")).append('\n');
        for (Path jar : classPath) {
            Path real = jar.toRealPath();
            text.append(real).append(' ').append(Files.size(real)).append(' ')
                    .append(Files.getLastModifiedTime(real).toMillis()).append('\n');
        }
        return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)), 0, 8);
    }
}
