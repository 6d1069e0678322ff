package com.productflow.coldstart;

import com.productflow.stack.sfn.LocalContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@link LambdaShim}, the {@link LocalContext} it passes and the SnapStart hooks' runner ({@link SnapStartHooks}),
 * alone in a jar to sit beside a function jar.
 */
final class LambdaShimFiles {
    private static final List<String> CLASSES = Stream.of(Stream.of(LambdaShim.class.getName()),
            LocalContext.classNames().stream(), SnapStartHooks.CLASSES.stream()).flatMap(s -> s).toList();

    private LambdaShimFiles() {}

    static Path extract(Path folder) throws IOException {
        return ClassFilesJar.write(folder, "lambda-shim", CLASSES);
    }
}
