package com.productflow.local;

import com.productflow.coldstart.ClassFilesJar;
import com.productflow.local.runtime.LambdaRuntimeLoop;
import com.productflow.stack.sfn.LocalContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The runtime loop and the Lambda context it passes, in a jar for the functions' class path beside their jars. */
final class RuntimeJar {
    private static final List<String> CLASSES = Stream.concat(Stream.of(LambdaRuntimeLoop.class.getName()),
            LocalContext.classNames().stream()).toList();

    private RuntimeJar() {
    }

    /** The jar in {@code folder} (named by its content's hash, see {@link ClassFilesJar}). */
    static Path write(Path folder) throws IOException {
        return ClassFilesJar.write(folder, "lambda-runtime", CLASSES);
    }
}
