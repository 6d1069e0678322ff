package com.productflow.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.productflow.coldstart.ColdStartBenchmark;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every function runs from its own deployment jar, alone on the class path, in a fresh JVM, on its
 * sample event against local servers (the cold-start harness, one round). The shade configuration in
 * functions/pom.xml drops packages that no function loads; a class dropped by mistake fails here, not
 * in AWS. {@link HandlerClassesTest} only loads the handler classes; this runs them.
 */
class FunctionJarsRunTest {
    private final Path root = Repo.root();
    private final PrintStream log = System.err;

    @Test
    void everyFunctionAnswersItsSampleEventFromItsOwnJar() throws Exception {
        ColdStartBenchmark.Report report = ColdStartBenchmark.run(root, 1, log);

        assertThat(report.results()).as("functions run").hasSizeGreaterThanOrEqualTo(6);
        Map<String, String> failures = report.results().stream().filter(r -> !r.ok())
                .collect(Collectors.toMap(ColdStartBenchmark.Result::function, ColdStartBenchmark.Result::error));
        assertThat(failures).as("functions that gave no response").isEmpty();
        String extract = report.results().stream().filter(r -> r.function().equals("ExtractFunction"))
                .findFirst().orElseThrow().response();
        // samples/products.csv has ready products on the fixed day; every one acknowledged by the broker.
        assertThat(extract).contains("\"failed\":0").doesNotContain("\"published\":0");
    }

    /**
     * With {@code OUTPUT_FORMATS=xml,parquet} the convert jar starts (the Parquet writer built in its
     * constructor) and answers its sample event; an unknown format stops the function naming the setting.
     * (The harness's sample event is SUPERSEDED here, so nothing is written: TemplateDrivenLocalTest runs
     * the same jar in its own JVM and checks the Parquet it writes.)
     */
    @Test
    void convertJarStartsWithParquetAndRefusesAnUnknownFormat() throws Exception {
        ColdStartBenchmark.Result both = convert(Map.of("OUTPUT_FORMATS", "xml,parquet"));
        assertThat(both.ok()).as(both.error()).isTrue();
        assertThat(both.response()).contains("\"outputBucket\":\"productflow-output\"");

        ColdStartBenchmark.Result csv = convert(Map.of("OUTPUT_FORMATS", "csv"));
        assertThat(csv.ok()).isFalse();
        assertThat(csv.error()).contains("setting OUTPUT_FORMATS", "'csv'");
    }

    /**
     * ConvertFunction's result on its sample event, measured alone: the harness runs IngestFunction first (unmeasured)
     * to register the sample file, so the report has the convert's row only.
     */
    private ColdStartBenchmark.Result convert(Map<String, String> environment) throws Exception {
        ColdStartBenchmark.Report report = ColdStartBenchmark.run(root, new ColdStartBenchmark.Options(1, List.of(),
                List.of("ConvertFunction"), environment), log);
        assertThat(report.results()).extracting(ColdStartBenchmark.Result::function).containsExactly("ConvertFunction");
        return report.results().get(0);
    }

    /**
     * Amazon MSK's IAM authentication cannot run here (it needs MSK), but the classes it loads by name
     * (the JAAS login module, the SASL callback handler, Kafka's SASL_SSL channel) are loaded when the
     * producer is built. Pointed at a port where no broker listens, the extract must fail for the reason
     * the settings bound (no broker within the connect timeout), not for a class missing from its jar.
     */
    @Test
    void extractJarCarriesTheMskIamAuthenticationPath() throws Exception {
        ColdStartBenchmark.Report report = ColdStartBenchmark.run(root, new ColdStartBenchmark.Options(1, List.of(),
                List.of("ExtractFunction"), Map.of("KAFKA_AUTH", "iam", "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1",
                        "KAFKA_CONNECT_TIMEOUT", "3s")), log);

        ColdStartBenchmark.Result extract = report.results().get(0);
        assertThat(extract.function()).isEqualTo("ExtractFunction");
        assertThat(extract.ok()).as("the extract reports the unreachable broker as a failure").isFalse();
        assertThat(extract.error()).doesNotContain("NoClassDefFoundError", "ClassNotFoundException", "LinkageError")
                .containsIgnoringCase("broker");
    }
}
