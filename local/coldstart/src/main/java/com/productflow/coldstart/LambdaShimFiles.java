package com.productflow.coldstart;

import com.productflow.stack.sfn.LocalContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Copies the class files of {@link LambdaShim} and the {@link LocalContext} it passes alone into a
 * folder, to sit beside a function jar on a class path.
 */
final class LambdaShimFiles {
    private static final List<String> CLASSES = List.of(LambdaShim.class.getName(), LocalContext.class.getName(),
            LocalContext.class.getName() + "$StreamLogger");

    private LambdaShimFiles() {}

    static Path extract(Path folder) throws IOException {
        for (String name : CLASSES) {
            String resource = name.replace('.', '/') + ".class";
            Path target = folder.resolve(resource);
            Files.createDirectories(target.getParent());
            try (InputStream in = LambdaShim.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("class file " + resource + " is not on the class path");
                }
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return folder;
    }
}
