package com.productflow.local;

import com.productflow.common.io.Sha256;
import com.productflow.local.runtime.LambdaRuntimeLoop;
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

/**
 * The runtime loop's class files (and nothing else) in a jar of their own, for the functions' class path beside
 * their deployment jars. Its name is a hash of its content, so an unchanged loop keeps the same file (size and
 * mtime), which the class data archives ({@link ClassDataArchives}) require of every class path entry.
 */
final class RuntimeJar {
    private static final List<String> CLASSES = List.of("LambdaRuntimeLoop", "LambdaRuntimeLoop$RuntimeContext",
            "LambdaRuntimeLoop$StderrLogger");

    private RuntimeJar() {
    }

    /** The jar in {@code folder}, written there when no jar with this content exists yet. */
    static Path write(Path folder) throws IOException {
        Map<String, byte[]> classes = classes();
        MessageDigest sha = Sha256.newDigest();
        classes.forEach((name, bytes) -> {
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update(bytes);
        });
        Path jar = folder.resolve("lambda-runtime-" + HexFormat.of().formatHex(sha.digest(), 0, 8) + ".jar");
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        Files.createDirectories(folder);
        Path partial = Files.createTempFile(folder, "lambda-runtime-", ".tmp");
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
        return jar;
    }

    private static Map<String, byte[]> classes() throws IOException {
        String packagePath = LambdaRuntimeLoop.class.getPackageName().replace('.', '/');
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (String name : CLASSES) {
            String resource = packagePath + "/" + name + ".class";
            try (InputStream in = LambdaRuntimeLoop.class.getResourceAsStream("/" + resource)) {
                if (in == null) {
                    throw new IOException("class file /" + resource + " is not on the class path");
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                in.transferTo(bytes);
                classes.put(resource, bytes.toByteArray());
            }
        }
        return classes;
    }
}
