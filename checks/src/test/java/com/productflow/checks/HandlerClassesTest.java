package com.productflow.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code Handler} in template.yaml names a class that Lambda can load from that function's own
 * deployment jar (the one the Makefile copies to lib/), with nothing else on the class path, and that
 * class implements {@code RequestStreamHandler} or {@code RequestHandler} with the named public method
 * and a public no-argument constructor (the runtime's way to create it). The function jars are built
 * earlier in the same reactor (this module depends on the function modules for that order).
 */
class HandlerClassesTest {
    private static final String STREAM_HANDLER = "com.amazonaws.services.lambda.runtime.RequestStreamHandler";
    private static final String HANDLER = "com.amazonaws.services.lambda.runtime.RequestHandler";

    private final Path root = Repo.root();

    @TestFactory
    Stream<DynamicTest> everyHandlerLoadsFromItsFunctionJar() {
        List<FunctionPackages.Function> functions = FunctionPackages.load(root);
        assertThat(functions).as("functions in template.yaml").hasSizeGreaterThanOrEqualTo(6);
        return functions.stream().map(f -> DynamicTest.dynamicTest(f.id(), () -> checkHandler(f)));
    }

    private void checkHandler(FunctionPackages.Function function) throws Exception {
        assertThat(function.handler()).as(function.id() + " Handler").isNotBlank();
        assertThat(function.module()).as("Makefile " + function.id() + "_MODULE").isNotNull();
        assertThat(function.jarName()).as("Makefile " + function.id() + "_JAR").isNotNull();
        Path jar = function.jar(root);
        assertThat(jar).as(function.id() + ": its jar (build it: mvn -pl " + function.module() + " -am package)").isRegularFile();
        assertThat(Handlers.describe(jar, function.handlerClass(), function.handlerMethod()))
                .as(function.id() + ": " + function.handler() + " in " + root.relativize(jar))
                .isEqualTo("ok");
    }

    @Test
    void aClassThatIsNotAHandlerIsReported() throws Exception {
        Path jar = jarOf("RedriveFunction");
        assertThat(Handlers.describe(jar, "com.productflow.functions.Wiring", "handleRequest"))
                .contains("implements neither");
        assertThat(Handlers.describe(jar, "com.productflow.functions.NoSuchHandler", "handleRequest"))
                .contains("not in the jar");
        assertThat(Handlers.describe(jar, "com.productflow.functions.state.RedriveHandler", "handle"))
                .contains("no public method handle");
    }

    @Test
    void aFunctionMissingFromTheMakefileIsReported() throws Exception {
        Path copy = Files.createTempDirectory("handler-check");
        try {
            Files.copy(root.resolve("template.yaml"), copy.resolve("template.yaml"));
            Files.writeString(copy.resolve("Makefile"), "IngestFunction_MODULE := functions/ingest\n");
            FunctionPackages.Function convert = FunctionPackages.load(copy).stream()
                    .filter(f -> f.id().equals("ConvertFunction")).findFirst().orElseThrow();
            assertThatThrownBy(() -> checkHandler(convert)).hasMessageContaining("Makefile ConvertFunction_MODULE");
        } finally {
            Files.deleteIfExists(copy.resolve("template.yaml"));
            Files.deleteIfExists(copy.resolve("Makefile"));
            Files.deleteIfExists(copy);
        }
    }

    private Path jarOf(String functionId) {
        Path jar = FunctionPackages.load(root).stream().filter(f -> f.id().equals(functionId)).findFirst().orElseThrow().jar(root);
        assertThat(jar).isRegularFile();
        return jar;
    }

    /** Loads a handler from one jar alone (the platform class loader as parent, like the Lambda runtime). */
    static final class Handlers {
        private Handlers() {}

        static String describe(Path jar, String className, String methodName) throws Exception {
            try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
                Class<?> handler;
                try {
                    handler = Class.forName(className, false, loader);
                } catch (ClassNotFoundException e) {
                    return className + " is not in the jar";
                }
                Class<?> stream = Class.forName(STREAM_HANDLER, false, loader);
                Class<?> typed = Class.forName(HANDLER, false, loader);
                if (!stream.isAssignableFrom(handler) && !typed.isAssignableFrom(handler)) {
                    return className + " implements neither RequestStreamHandler nor RequestHandler";
                }
                if (Modifier.isAbstract(handler.getModifiers()) || !Modifier.isPublic(handler.getModifiers())) {
                    return className + " is not a public concrete class";
                }
                try {
                    if (!Modifier.isPublic(handler.getConstructor().getModifiers())) {
                        return className + " has no public no-argument constructor";
                    }
                } catch (NoSuchMethodException e) {
                    return className + " has no public no-argument constructor";
                }
                for (Method method : handler.getMethods()) {
                    if (method.getName().equals(methodName)) {
                        return "ok";
                    }
                }
                return className + " has no public method " + methodName;
            }
        }
    }
}
