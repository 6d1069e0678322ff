package com.productflow.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productflow.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CloudWatch dashboard in template.yaml shows only metrics that exist: every {@code productflow} metric is one a
 * function emits through FunctionMetrics, with the {@code Service} dimension of the function that emits it
 * (its POWERTOOLS_SERVICE_NAME), and the body is valid JSON once CloudFormation substitutes its references.
 */
class DashboardMetricsTest {

    @Test
    void everyProductflowMetricOnTheDashboardIsEmittedByTheFunctionItNames() throws IOException {
        SamTemplate template = SamTemplate.load(Repo.root());
        SamTemplate.Resource dashboard = template.resources("AWS::CloudWatch::Dashboard").get(0);
        String body = SamTemplate.text(SamTemplate.get(dashboard.properties(), "DashboardBody", "Fn::Sub"));
        JsonNode widgets = new ObjectMapper().readTree(body.replaceAll("\\$\\{[^}]+}", "X")).path("widgets");
        assertThat(widgets.size()).isGreaterThanOrEqualTo(7);

        List<String> checked = new ArrayList<>();
        for (JsonNode widget : widgets) {
            for (JsonNode metric : widget.path("properties").path("metrics")) {
                if (!"productflow".equals(metric.path(0).asText())) {
                    continue;
                }
                String name = metric.path(1).asText();
                assertThat(metric.path(2).asText()).as(name).isEqualTo("Service");
                String service = metric.path(3).asText();
                assertThat(emitters(template, name)).as("a function emitting %s with service %s", name, service).contains(service);
                checked.add(name);
            }
        }
        assertThat(checked).contains("FilesCompleted", "RecordsConverted", "BytesIn", "ConvertDuration", "ProductsPublished", "FilesFailed");
    }

    /** The POWERTOOLS_SERVICE_NAME of each function whose handler class emits {@code metric}. */
    private static List<String> emitters(SamTemplate template, String metric) throws IOException {
        Pattern call = Pattern.compile("FunctionMetrics\\.\\w+\\([^;]*\"" + Pattern.quote(metric) + "\"");
        List<String> services = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Repo.root().resolve("functions"))) {
            for (Path file : files.filter(p -> p.toString().endsWith("Handler.java") && p.toString().contains("/src/main/java/")).toList()) {
                String source = Files.readString(file);
                if (call.matcher(source).find() || source.contains(".metric()") && outcomeMetrics().contains(metric)) {
                    String type = file.toString().replaceFirst(".*/src/main/java/", "").replace(".java", "").replace('/', '.');
                    services.addAll(servicesOf(template, type));
                }
            }
        }
        return services;
    }

    /**
     * The metrics whose name a handler takes from core rather than spelling it: RecordOutcomeHandler counts
     * {@code OutcomeRecorder.Recorded.metric()}, one name per outcome ({@code Optional.of("FilesCompleted")}, ...).
     */
    private static List<String> outcomeMetrics() throws IOException {
        String recorder = Files.readString(Repo.root().resolve("core/pipeline/src/main/java/com/productflow/pipeline/OutcomeRecorder.java"));
        return Pattern.compile("Optional\\.of\\(\"(\\w+)\"\\)").matcher(recorder).results().map(m -> m.group(1)).toList();
    }

    /** The service name of every function of the template that runs {@code handlerClass} (its own, else the Globals'). */
    private static List<String> servicesOf(SamTemplate template, String handlerClass) {
        Object global = SamTemplate.get(template.functionGlobals(), "Environment", "Variables", "POWERTOOLS_SERVICE_NAME");
        List<String> out = new ArrayList<>();
        for (SamTemplate.Resource function : template.resources("AWS::Serverless::Function")) {
            if (SamTemplate.text(function.properties().get("Handler")).startsWith(handlerClass + "::")) {
                Object own = SamTemplate.get(function.properties(), "Environment", "Variables", "POWERTOOLS_SERVICE_NAME");
                out.add(SamTemplate.text(own != null ? own : global));
            }
        }
        return out;
    }
}
