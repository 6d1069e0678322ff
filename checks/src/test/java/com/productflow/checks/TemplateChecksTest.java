package com.productflow.checks;

import com.productflow.template.SamParameters;
import com.productflow.template.SamTemplate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checked-in template.yaml keeps every rule. Each rule is also run against broken copies in
 * {@link TemplateChecksMutationTest}, which shows it can fail.
 */
class TemplateChecksTest {

    static SamTemplate template;
    static TemplateChecks checks;

    @BeforeAll
    static void parse() throws Exception {
        template = SamTemplate.load(Repo.root());
        checks = new TemplateChecks(template, Repo.root());
    }

    @Test
    void shortFormIntrinsicsAreReadAsTheirLongForm() {
        Map<String, Object> env = SamTemplate.map(SamTemplate.get(template.functionGlobals(), "Environment", "Variables"));
        assertThat(env.get("STATE_TABLE")).isEqualTo(Map.of("Fn::If",
                List.of("CreateStorage", Map.of("Ref", "StateTable"), Map.of("Ref", "StateTableName"))));
        assertThat(template.conditions().get("UseKms")).isEqualTo(Map.of("Fn::Not",
                List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "KmsKeyArn"), ""))))); // !Not [!Equals [...]]
        SamTemplate.Resource alarm = template.resource("IngestDeadLettersAlarm").orElseThrow();
        assertThat(SamTemplate.get(SamTemplate.list(alarm.properties().get("Dimensions")).get(0), "Value"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of("IngestDeadLetterQueue", "QueueName")));
        assertThat(template.resources()).hasSizeGreaterThan(15);
    }

    @Test
    void terraformFillsDeclaredParametersAndTheRestHaveDefaults() throws Exception {
        List<String> filled = SamParameters.read(Repo.root());
        assertThat(filled).isNotEmpty();
        assertThat(template.parameters()).containsKeys(filled.toArray(String[]::new));
        assertThat(checks.parametersMatch(filled)).isEmpty();
    }

    @Test
    void policiesAreLeastPrivilege() {
        TemplatePolicies.Found found = TemplatePolicies.collect(template);
        // Sanity: the statements of every function, the !If branches, and the log-delivery exemption are seen.
        assertThat(found.statements()).extracting(IamStatement::where)
                .anyMatch(w -> w.contains("IngestFunction statement DecryptInput"))
                .anyMatch(w -> w.contains("ExtractFunction statement ReadDbSecret"))
                .anyMatch(w -> w.contains("ProcessFileStateMachine statement DeliverLogs"))
                .anyMatch(w -> w.contains("IngestDeadLetterQueuePolicy statement EventBridgeDeadLetters"));
        assertThat(found.statements()).filteredOn(s -> s.resources().contains("*")).allSatisfy(s ->
                assertThat(TemplateChecks.RESOURCE_WILDCARD_ACTIONS).containsAll(s.actions()));
        assertThat(checks.leastPrivilege()).isEmpty();
    }

    @Test
    void everySubstitutionIsUsedAndNamesAResource() {
        assertThat(template.resources("AWS::Serverless::StateMachine")).hasSize(2);
        assertThat(checks.substitutions()).isEmpty();
    }

    @Test
    void standaloneBucketsAreEncryptedVersionedPrivateAndTlsOnly() {
        assertThat(template.resources("AWS::S3::Bucket")).extracting(SamTemplate.Resource::id)
                .containsExactly("InputBucket", "OutputBucket");
        assertThat(checks.bucketsHardened()).isEmpty();
    }

    @Test
    void standaloneStateTableEqualsTheCodesSchema() {
        assertThat(checks.stateTable()).isEqualTo(CodeStateTable.SPEC);
        assertThat(checks.stateTableMatches(CodeStateTable.SPEC)).isEmpty();
    }

    @Test
    void indexPermissionsNameTheCodesIndex() {
        assertThat(checks.indexPermissionsMatch(CodeStateTable.SPEC.globalIndexes().keySet())).isEmpty();
    }

    @Test
    void functionsAreJavaArm64WithSnapStart() {
        assertThat(template.resources("AWS::Serverless::Function")).hasSize(TemplateChecks.HANDLERS.size());
        assertThat(checks.functionsConfigured()).isEmpty();
    }

    @Test
    void handlersAreTheListedOnes() {
        assertThat(TemplateChecks.HANDLERS.values()).allMatch(h -> TemplateChecks.HANDLER.matcher(h).matches());
        assertThat(checks.handlersMatch(TemplateChecks.HANDLERS)).isEmpty();
    }

    @Test
    void extractIsLimitedAndInTheVpc() {
        assertThat(checks.extractFunctionGuarded()).isEmpty();
    }

    @Test
    void ingestKeepsWhatItCannotProcess() {
        assertThat(checks.ingestDeadLetters()).isEmpty();
    }

    /** A quoted template-like name: what docs call a resource, output or parameter. */
    static final Pattern DOC_NAME = Pattern.compile(
            "`([A-Z][A-Za-z0-9]*(?:Function|StateMachine|Alarm|Queue|QueuePolicy|Logs|Bucket|Table|Arn|Url|Name|Id|Ids|Prefix|Key|Type|Attempts))`");

    @Test
    void docsNameOnlyWhatTheTemplateHas() throws Exception {
        Set<String> known = new HashSet<>(template.parameters().keySet());
        template.resources().forEach(r -> known.add(r.id()));
        Map<String, Object> outputs = template.outputs();
        known.addAll(outputs.keySet());
        for (String doc : List.of("docs/deploy.md", "terraform/README.md")) {
            String text = Files.readString(Repo.root().resolve(doc));
            Matcher m = DOC_NAME.matcher(text);
            int names = 0;
            while (m.find()) {
                names++;
                assertThat(known).as(doc + " quotes `" + m.group(1) + "`").contains(m.group(1));
            }
            assertThat(names).as(doc).isGreaterThan(10);
            assertThat(text).as(doc).doesNotContain("[TEMPLATE]");
        }
        String guide = Files.readString(Repo.root().resolve("docs/deploy.md"));
        assertThat(guide).contains(outputs.keySet().stream().map(o -> "out " + o).toArray(String[]::new));
        assertThat(guide).contains("FailedFilesAlarm", "QuarantinedFilesAlarm", "IngestDeadLettersAlarm",
                "IngestDeadLetterQueue", "BackfillStateMachine", "\\\"prefix\\\": \\\"incoming/\\\"",
                "make build-<FunctionLogicalId>", "BuildMethod: makefile");
        for (String function : TemplateChecks.HANDLERS.keySet()) {
            assertThat(guide).contains("`" + function + "`");
        }
    }
}
