package com.productflow.stack.sfn;

import com.productflow.stack.node.NodeTools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real definitions pass asl-validator (4.0.0, from package.json) and the local-support check, both as
 * files and after substitution; broken ones do not. cfn-lint does not read definition files, so this
 * is their lint.
 */
class DefinitionValidationTest {

    static LocalStepFunctions sfn;
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    @BeforeAll
    static void start() throws IOException {
        // No Task runs here, so the Lambda endpoint is never called.
        sfn = LocalStepFunctions.start(LocalStepFunctions.Options.of(URI.create("http://127.0.0.1:9")));
    }

    @AfterAll
    static void stop() throws IOException {
        if (sfn != null) {
            sfn.close();
        }
    }

    private static Set<String> placeholders(String definition) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(definition);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void processFileIsValidAndUsesExactlyItsDocumentedSubstitutions() throws IOException {
        String template = sfn.definitionTemplate("process-file");
        assertThat(sfn.validate(template)).isEmpty();
        assertThat(placeholders(template)).containsExactly("ConvertFunctionArn", "ExtractFunctionArn", "RecordOutcomeFunctionArn");
        String concrete = DefinitionSubstitutions.apply(template, Map.of(
                "ConvertFunctionArn", LocalLambdaServer.functionArn("Convert"),
                "ExtractFunctionArn", LocalLambdaServer.functionArn("Extract"),
                "RecordOutcomeFunctionArn", LocalLambdaServer.functionArn("RecordOutcome")));
        assertThat(sfn.validate(concrete)).isEmpty();
    }

    @Test
    void backfillIsValidAndUsesExactlyItsDocumentedSubstitutions() throws IOException {
        String template = sfn.definitionTemplate("backfill");
        assertThat(sfn.validate(template)).isEmpty();
        assertThat(placeholders(template)).containsExactly("IngestFunctionArn", "ListFilesFunctionArn");
    }

    @Test
    void everyPlaceholderIsDocumentedInTheReadme() throws IOException {
        Path dir = NodeTools.projectRoot().resolve("statemachine");
        String readme = Files.readString(dir.resolve("README.md"));
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".asl.json"))::iterator) {
                for (String name : placeholders(Files.readString(file))) {
                    assertThat(readme).as("statemachine/README.md documents ${%s} of %s", name, file.getFileName())
                            .contains("${" + name + "}");
                }
            }
        }
    }

    @Test
    void aBrokenDefinitionFailsValidationAndCannotBeCreated() {
        String missingTarget = "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"Nowhere\"}}}";
        assertThat(sfn.validate(missingTarget)).extracting(Diagnostic::code).contains("MISSING_TRANSITION_TARGET");
        assertThatThrownBy(() -> sfn.createStateMachine("broken", missingTarget))
                .isInstanceOf(StepFunctionsException.class)
                .satisfies(e -> assertThat(((StepFunctionsException) e).errorType()).isEqualTo("InvalidDefinition"))
                .hasMessageContaining("Nowhere");

        assertThat(sfn.validate("{\"StartAt\":")).extracting(Diagnostic::code).containsExactly("INVALID_JSON_DESCRIPTION");
        assertThat(sfn.validate("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Teleport\",\"End\":true}}}")).isNotEmpty();
    }

    @Test
    void whatTheLocalExecutorWouldSilentlyMisrunIsRejected() {
        String jsonata = "{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Output\":\"{% 1 + 1 %}\",\"End\":true}}}";
        assertThat(sfn.validate(jsonata)).extracting(Diagnostic::code).contains("UNSUPPORTED_LOCALLY");
        String assign = "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Assign\":{\"x\":1},\"End\":true}}}";
        assertThat(sfn.validate(assign)).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).contains("Assign"));
        String sqs = "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::sqs:sendMessage\","
                + "\"Parameters\":{\"QueueUrl\":\"q\",\"MessageBody\":\"m\"},\"End\":true}}}";
        assertThat(sfn.validate(sqs)).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).contains("sqs:sendMessage"));
    }

    @Test
    void aSubstitutionWithoutValueIsNamed() {
        assertThatThrownBy(() -> DefinitionSubstitutions.apply("{\"a\":\"${Missing}\"}", Map.of("Other", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("${Missing}");
        // Values are JSON-escaped: a quote cannot break out of the string it is substituted into.
        assertThat(DefinitionSubstitutions.apply("{\"a\":\"${V}\"}", Map.of("V", "x\"y\\z"))).isEqualTo("{\"a\":\"x\\\"y\\\\z\"}");
    }
}
