package com.productflow.bench.coldstart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Copies {@link LambdaShim}'s class files alone into a folder, to sit beside a function jar on a class path. */
final class LambdaShimFiles {
    private static final List<String> CLASSES = List.of("LambdaShim", "LambdaShim$ShimContext", "LambdaShim$ShimLogger");

    private LambdaShimFiles() {}

    static Path extract(Path folder) throws IOException {
        String packagePath = LambdaShim.class.getPackageName().replace('.', '/');
        Path target = folder.resolve(packagePath);
        Files.createDirectories(target);
        for (String name : CLASSES) {
            String resource = "/" + packagePath + "/" + name + ".class";
            try (InputStream in = LambdaShim.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("class file " + resource + " is not on the class path");
                }
                Files.copy(in, target.resolve(name + ".class"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return folder;
    }
}
