package com.productflow.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.productflow.common.BadInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The repository's template.yaml read as the local run reads it. */
class TemplateStackTest {
    static final Path TEMPLATE = Path.of("../../template.yaml");
    static final TemplateStack.Resources LOCAL = new TemplateStack.Resources(Map.ofEntries(
            Map.entry("AWS::Region", "us-east-1"), Map.entry("AWS::AccountId", "000000000000"), Map.entry("AWS::Partition", "aws"),
            Map.entry("AWS::StackName", "local"),
            Map.entry("InputBucket", "local-in"), Map.entry("OutputBucket", "local-out"), Map.entry("StateTable", "local-table"),
            Map.entry("ProcessFileStateMachine", "arn:sm:process-file"), Map.entry("BackfillStateMachine", "arn:sm:backfill"),
            Map.entry("ConvertFunction.Alias", "arn:fn:ConvertFunction"), Map.entry("ExtractFunction.Alias", "arn:fn:ExtractFunction"),
            Map.entry("RecordOutcomeFunction.Alias", "arn:fn:RecordOutcomeFunction"),
            Map.entry("ListFilesFunction.Alias", "arn:fn:ListFilesFunction"), Map.entry("IngestFunction.Alias", "arn:fn:IngestFunction")),
            Map.of());
    static final EnvVars KAFKA = EnvVars.parse("env.json",
            "{\"ExtractFunction\": {\"KAFKA_BOOTSTRAP_SERVERS\": \"127.0.0.1:9092\", \"KAFKA_AUTH\": \"none\"}}");

    private final List<String> warnings = new ArrayList<>();

    private Map<String, FunctionConfig> functions(Map<String, String> overrides, EnvVars envVars) {
        return TemplateStack.load(TEMPLATE, overrides).functions(LOCAL, envVars, warnings::add).stream()
                .collect(Collectors.toMap(FunctionConfig::name, Function.identity()));
    }

    @Test
    void everyFunctionGetsItsHandlerTimeoutConcurrencyAndTheGlobalsMergedWithItsOwnEnvironment() {
        Map<String, FunctionConfig> functions = functions(Map.of(), KAFKA);

        assertThat(functions).containsOnlyKeys("IngestFunction", "ListFilesFunction", "ConvertFunction", "ExtractFunction",
                "RecordOutcomeFunction", "RedriveFunction");
        FunctionConfig convert = functions.get("ConvertFunction");
        assertThat(convert.handler()).isEqualTo("com.productflow.functions.convert.ConvertHandler::handleRequest");
        assertThat(convert.handlerClass()).isEqualTo("com.productflow.functions.convert.ConvertHandler");
        assertThat(convert.timeout()).isEqualTo(Duration.ofSeconds(900));
        assertThat(convert.memoryMb()).isEqualTo(2048);
        assertThat(convert.reservedConcurrency()).isEmpty();
        assertThat(convert.environment()).containsEntry("INPUT_BUCKET", "local-in").containsEntry("OUTPUT_BUCKET", "local-out")
                .containsEntry("STATE_TABLE", "local-table").containsEntry("STATE_MAX_ATTEMPTS", "3")
                .containsEntry("OUTPUT_PREFIX", "xml/").containsEntry("STATE_LEASE", "16m")
                // the function's own value wins over Globals'
                .containsEntry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation").containsEntry("POWERTOOLS_SERVICE_NAME", "productflow-convert");
        assertThat(functions.get("IngestFunction").environment()).containsEntry("STATE_MACHINE_ARN", "arn:sm:process-file")
                .containsEntry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
        FunctionConfig extract = functions.get("ExtractFunction");
        assertThat(extract.reservedConcurrency()).hasValue(1);
        assertThat(extract.environment()).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092").containsEntry("KAFKA_AUTH", "none")
                .containsEntry("KAFKA_TOPIC", "product-updates").containsEntry("ARTICLE_STATUS", "created")
                .containsEntry("DEFAULT_DAYS_BACK", "30").containsEntry("DB_TYPE", "sqlite").containsEntry("DB_SECRET_ARN", "")
                .containsEntry("CSV_FILE_PATH", "s3://local-in/catalogue/products.csv");
        FunctionConfig redrive = functions.get("RedriveFunction");
        assertThat(redrive.reservedConcurrency()).hasValue(1);
        assertThat(redrive.schedules()).singleElement().satisfies(s -> {
            assertThat(s.expression()).isEqualTo("rate(15 minutes)");
            assertThat(s.rate()).contains(Duration.ofMinutes(15));
        });
        assertThat(warnings).isEmpty();
    }

    @Test
    void overridesChangeWhatTheFunctionsGetAndAreCheckedAgainstTheParameter() {
        Map<String, FunctionConfig> functions = functions(Map.of("MaxAttempts", "5", "OutputPrefix", "feeds/", "DbType", "postgresql",
                "DbSecretArn", "arn:secret"), KAFKA);

        assertThat(functions.get("RecordOutcomeFunction").environment()).containsEntry("STATE_MAX_ATTEMPTS", "5");
        assertThat(functions.get("ConvertFunction").environment()).containsEntry("OUTPUT_PREFIX", "feeds/");
        assertThat(functions.get("ExtractFunction").environment()).containsEntry("DB_TYPE", "postgresql")
                .containsEntry("DB_SECRET_ARN", "arn:secret");
        assertThatThrownBy(() -> TemplateStack.load(TEMPLATE, Map.of("DbType", "oracle")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("DbType").hasMessageContaining("[sqlite, postgresql]");
        assertThatThrownBy(() -> TemplateStack.load(TEMPLATE, Map.of("MaxAttempts", "0")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("between 1 and 20");
        assertThatThrownBy(() -> TemplateStack.load(TEMPLATE, Map.of("NoSuchParameter", "1")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no parameter NoSuchParameter");
    }

    @Test
    void whatOnlyAwsKnowsMustComeFromTheEnvVarsFile() {
        assertThatThrownBy(() -> functions(Map.of(), EnvVars.none()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("KafkaBootstrapServers has no Default");
        // With terraform's buckets, the shared settings are Parameter Store references that only CloudFormation resolves.
        assertThatThrownBy(() -> functions(Map.of("InputBucketName", "tf-in", "OutputBucketName", "tf-out", "StateTableName", "tf-table"), KAFKA))
                .isInstanceOf(BadInputException.class).hasMessageContaining("ARTICLE_STATUS")
                .hasMessageContaining("{{resolve:ssm:/productflow/dev/ARTICLE_STATUS}}");
        EnvVars shared = EnvVars.parse("env.json", "{\"Parameters\": {\"ARTICLE_STATUS\": \"ready\", \"DEFAULT_DAYS_BACK\": 7,"
                + " \"NOT_DECLARED\": \"x\"}, \"ExtractFunction\": {\"KAFKA_BOOTSTRAP_SERVERS\": \"b:1\", \"ALSO_NOT\": \"y\"},"
                + " \"NoSuchFunction\": {}}");
        Map<String, FunctionConfig> functions = functions(Map.of("InputBucketName", "tf-in", "OutputBucketName", "tf-out",
                "StateTableName", "tf-table"), shared);
        assertThat(functions.get("ExtractFunction").environment()).containsEntry("ARTICLE_STATUS", "ready")
                .containsEntry("DEFAULT_DAYS_BACK", "7").containsEntry("INPUT_BUCKET", "tf-in")
                .containsEntry("CSV_FILE_PATH", "s3://tf-in/catalogue/products.csv").doesNotContainKeys("NOT_DECLARED", "ALSO_NOT");
        assertThat(functions.get("ConvertFunction").environment()).doesNotContainKey("ARTICLE_STATUS").containsEntry("STATE_TABLE", "tf-table");
        assertThat(warnings).anyMatch(w -> w.contains("ALSO_NOT")).anyMatch(w -> w.contains("NoSuchFunction"));
    }

    @Test
    void stateMachinesAndOutputsResolveToTheLocalResources() {
        TemplateStack stack = TemplateStack.load(TEMPLATE, Map.of());
        assertThat(stack.stateMachines(LOCAL)).extracting(TemplateStack.StateMachineConfig::name)
                .containsExactly("ProcessFileStateMachine", "BackfillStateMachine");
        TemplateStack.StateMachineConfig processFile = stack.stateMachines(LOCAL).get(0);
        assertThat(processFile.definitionUri()).isEqualTo(Path.of("statemachine/process-file.asl.json"));
        assertThat(processFile.substitutions()).containsEntry("ConvertFunctionArn", "arn:fn:ConvertFunction")
                .containsEntry("RecordOutcomeFunctionArn", "arn:fn:RecordOutcomeFunction");
        assertThat(stack.output("InputBucket", LOCAL)).isEqualTo("local-in");
        assertThat(stack.objectCreatedTargets()).containsExactly("IngestFunction");
        assertThat(TemplateStack.load(TEMPLATE, Map.of("InputBucketName", "tf-in")).output("InputBucket", LOCAL)).isEqualTo("tf-in");
    }

    @Test
    void parameterOverridesTakeSamsTwoFormsAndQuotedLists() {
        assertThat(ParameterOverrides.parse(List.of("InputBucketName=in", "ParameterKey=KafkaTopic,ParameterValue=t.1",
                "OutputPrefix=\"a b/\" MaxAttempts=4")))
                .containsExactly(Map.entry("InputBucketName", "in"), Map.entry("KafkaTopic", "t.1"), Map.entry("OutputPrefix", "a b/"),
                        Map.entry("MaxAttempts", "4"));
        assertThatThrownBy(() -> ParameterOverrides.parse(List.of("novalue"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'novalue'");
        assertThatThrownBy(() -> EnvVars.parse("env.json", "{\"Parameters\": [1]}")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("env.json").hasMessageContaining("Parameters");
    }

    @Test
    void intrinsicsEvaluateLikeCloudFormation() {
        Intrinsics i = new Intrinsics(name -> "p-" + name, Map.of("AWS::Region", "eu-west-1"), Map.of("Res.Arn", "arn:res"),
                Map.<String, Object>of("Yes", Map.of("Fn::Equals", List.of("a", "a")), "No", Map.of("Fn::Not", List.of(Map.of("Condition", "Yes")))));
        assertThat(i.resolve(Map.of("Fn::Sub", "${AWS::Region}/${X}/${Res.Arn}/${!Literal}"), "t")).isEqualTo("eu-west-1/p-X/arn:res/${Literal}");
        assertThat(i.resolve(Map.of("Fn::If", List.of("No", "a", "b")), "t")).isEqualTo("b");
        assertThat(i.resolve(Map.of("Fn::Select", List.of(1, Map.of("Fn::Split", List.of(":cluster/", "arn:x:cluster/c/1")))), "t"))
                .isEqualTo("c/1");
        assertThat(i.resolve(List.of("a", Map.of("Ref", "AWS::NoValue")), "t")).isEqualTo(List.of("a"));
        assertThatThrownBy(() -> i.resolve(Map.of("Fn::GetAtt", List.of("Other", "Arn")), "here")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("here").hasMessageContaining("Other.Arn");
    }
}
