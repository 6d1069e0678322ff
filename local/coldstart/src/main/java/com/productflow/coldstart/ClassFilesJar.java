package com.productflow.coldstart;

import com.productflow.common.io.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A few class files of ours in a jar of their own, to sit beside a function's deployment jar on a class path
 * (the local runtime loop, the cold-start shim). The jar is named by a hash of its content, so the same classes
 * keep the same file, size and mtime: a class data archive accepts only such an unchanged class path entry,
 * and a folder not at all.
 */
public final class ClassFilesJar {
    private ClassFilesJar() {
    }

    /** {@code <folder>/<prefix>-<hash>.jar} holding {@code classNames}, written when no such jar exists yet. */
    public static Path write(Path folder, String prefix, List<String> classNames) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        MessageDigest sha = Sha256.newDigest();
        for (String name : classNames) {
            String resource = name.replace('.', '/') + ".class";
            byte[] bytes = read(resource);
            classes.put(resource, bytes);
            sha.update(resource.getBytes(StandardCharsets.UTF_8));
            sha.update(bytes);
        }
        Path jar = folder.resolve(prefix + "-" + HexFormat.of().formatHex(sha.digest(), 0, 8) + ".jar");
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        Files.createDirectories(folder);
        Path partial = Files.createTempFile(folder, prefix + "-", ".tmp");
        try (OutputStream file = Files.newOutputStream(partial); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                JarEntry entry = new JarEntry(c.getKey());
                entry.setTime(0); // the same bytes every time
                out.putNextEntry(entry);
                out.write(c.getValue());
                out.closeEntry();
            }
        }
        // Another run may have written the same jar meanwhile: same content, so either copy will do.
        Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        // The classes changed: the jars of their earlier versions are of no more use.
        Pattern earlier = Pattern.compile(Pattern.quote(prefix) + "-[0-9a-f]{16}\\.jar");
        try (Stream<Path> files = Files.list(folder)) {
            for (Path old : files.filter(p -> !p.equals(jar) && earlier.matcher(p.getFileName().toString()).matches()).toList()) {
                Files.deleteIfExists(old);
            }
        }
        return jar;
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = ClassFilesJar.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("class file " + resource + " is not on the class path");
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toByteArray();
        }
    }
}
