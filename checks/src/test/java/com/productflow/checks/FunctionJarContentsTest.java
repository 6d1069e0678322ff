package com.productflow.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * What goes into each function jar (functions/pom.xml): under 30 MB (the extract's 32 MB), one HTTP client, none of the
 * excluded dead weight, and the merged files that shading would otherwise truncate to one copy (Log4j's
 * plugin cache, the SDK's global interceptor list).
 */
class FunctionJarContentsTest {
    static final long MAX_JAR_BYTES = 30_000_000L;
    static final long EXTRACT_MAX_JAR_BYTES = 32_000_000L;

    private final Path root = Repo.root();

    @TestFactory
    Stream<DynamicTest> everyFunctionJar() {
        Set<Path> jars = new LinkedHashSet<>();
        for (FunctionPackages.Function f : FunctionPackages.load(root)) {
            if (f.module() != null && f.jarName() != null && Files.isRegularFile(f.jar(root))) {
                jars.add(f.jar(root));
            }
        }
        assertThat(jars).as("function jars built in this reactor").isNotEmpty();
        return jars.stream().map(jar -> DynamicTest.dynamicTest(root.relativize(jar).toString(), () -> check(jar)));
    }

    private static void check(Path jar) throws IOException {
        String name = jar.getFileName().toString();
        boolean convert = name.equals("convert-function.jar");
        // The convert jar carries the Parquet writer: its own bound (issue 16: 50 MB), below. Exactly-once delivery
        // reads the committed watermark with Kafka's consumer and creates its topic with the admin client
        // (docs/exactly-once.md): about 1.3 MB of classes the extract's producer alone did without.
        if (!convert) {
            long max = name.equals("extract-function.jar") ? EXTRACT_MAX_JAR_BYTES : MAX_JAR_BYTES;
            assertThat(Files.size(jar)).as(jar + " size").isLessThan(max);
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> names = Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
            assertThat(names).as("one HTTP client: url-connection")
                    .anyMatch(n -> n.startsWith("software/amazon/awssdk/http/urlconnection/"))
                    .noneMatch(n -> n.startsWith("software/amazon/awssdk/http/apache5/"))
                    .noneMatch(n -> n.startsWith("software/amazon/awssdk/http/apache/"))
                    .noneMatch(n -> n.startsWith("software/amazon/awssdk/http/nio/netty/"))
                    .noneMatch(n -> n.startsWith("org/apache/hc/"))
                    .noneMatch(n -> n.startsWith("io/netty/"));
            assertThat(names).as("excluded dead weight")
                    .noneMatch(n -> n.startsWith("org/apache/commons/logging/"))
                    .noneMatch(n -> n.startsWith("org/joda/time/"))
                    .noneMatch(n -> n.startsWith("com/amazonaws/services/lambda/runtime/events/"))
                    .noneMatch(n -> n.startsWith("META-INF/native-image/"))
                    .noneMatch(n -> n.startsWith("org/aspectj/"))
                    .noneMatch(n -> n.startsWith("software/amazon/awssdk/services/sso/"))
                    .noneMatch(n -> n.startsWith("software/amazon/awssdk/services/ssooidc/"))
                    .noneMatch(n -> n.endsWith("Aspect.class") && n.startsWith("software/amazon/lambda/powertools/"))
                    .noneMatch(n -> n.equals("builddef.lst"))
                    .noneMatch(n -> n.startsWith("io/burt/jmespath/"))
                    .noneMatch(n -> n.startsWith("org/apache/logging/log4j/core/tools/"))
                    .noneMatch(n -> n.startsWith("software/amazon/awssdk/services/dynamodb/streams/"))
                    .noneMatch(n -> n.startsWith("org/sqlite/native/") && !n.endsWith("/") && !isLinuxX64OrArm64(n));
            if (jar.getFileName().toString().equals("extract-function.jar")) {
                // Exactly-once: the committed watermark is read with a consumer, its topic created with the admin client.
                assertThat(names).anyMatch(n -> n.startsWith("org/apache/kafka/clients/consumer/internals/"))
                        .anyMatch(n -> n.startsWith("org/apache/kafka/clients/admin/"));
            } else {
                assertThat(names).as("only the extract talks to Kafka")
                        .noneMatch(n -> n.startsWith("org/apache/kafka/clients/admin/"))
                        .noneMatch(n -> n.startsWith("org/apache/kafka/clients/consumer/internals/"));
            }
            // Powertools' SnapStart priming list, read by ClassPreLoader before a checkpoint: kept on purpose.
            assertThat(names).contains("classesloaded.txt");

            String plugins = text(zip, "META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat");
            assertThat(plugins).as("Log4j plugin cache merged from log4j-core, layout-template-json and Powertools")
                    .contains("org.apache.logging.log4j.core.appender.ConsoleAppender")
                    .contains("org.apache.logging.log4j.layout.template.json.JsonTemplateLayout")
                    .contains("org.apache.logging.log4j.layout.template.json.resolver.PowertoolsResolverFactory");
            assertThat(text(zip, "software/amazon/awssdk/global/handlers/execution.interceptors"))
                    .as("every Powertools interceptor registered")
                    .contains("Log4jUserAgentInterceptor", "MetricsUserAgentInterceptor");
            // Parameter Store is resolved at deploy time (template.yaml): no SSM client in any jar.
            assertThat(names).noneMatch(n -> n.startsWith("software/amazon/awssdk/services/ssm/"));
            assertThat(names).contains("log4j2.properties");
            assertThat(names).as("no Hadoop at run time (parquet-java through its non-Hadoop APIs)")
                    .noneMatch(n -> n.startsWith("org/apache/hadoop/"));
            if (convert) {
                // OUTPUT_FORMATS=parquet writes zstd: the template targets arm64, tests and benches run x86_64.
                assertThat(names).as("zstd natives of the Parquet output")
                        .anyMatch(n -> n.matches("linux/aarch64/libzstd-jni-.*\\.so"))
                        .anyMatch(n -> n.matches("linux/amd64/libzstd-jni-.*\\.so"))
                        .anyMatch(n -> n.startsWith("org/apache/parquet/hadoop/ParquetWriter"))
                        .anyMatch(n -> n.startsWith("com/productflow/parquet/JsonToParquetConverter"));
                assertThat(Files.size(jar)).as("convert function jar with Parquet").isLessThan(50_000_000L);
            }
        }
    }

    private static boolean isLinuxX64OrArm64(String name) {
        return name.startsWith("org/sqlite/native/Linux/x86_64/") || name.startsWith("org/sqlite/native/Linux/aarch64/");
    }

    private static String text(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        assertThat(entry).as(name).isNotNull();
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
