package com.productflow.checks;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

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
}
