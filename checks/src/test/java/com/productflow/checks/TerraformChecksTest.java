package com.productflow.checks;

import com.productflow.template.SamParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checked-in terraform configuration keeps every rule. Each rule is also run against broken
 * copies in {@link TerraformChecksMutationTest}, which shows it can fail.
 */
class TerraformChecksTest {

    /** The parameters the SAM template declares (fixed by the lead; the template test reads the same file). */
    static final List<String> FIXED_SAM_PARAMETERS = List.of(
            "InputBucketName", "OutputBucketName", "StateTableName", "KmsKeyArn", "KafkaBootstrapServers",
            "MskClusterArn", "KafkaTopic", "PrivateSubnetIds", "ExtractSecurityGroupId", "DbSecretArn",
            "ParameterPrefix");

    static TerraformConfig tf;
    static TerraformChecks checks;

    @BeforeAll
    static void parse() throws Exception {
        tf = TerraformConfig.load(Repo.terraform());
        checks = new TerraformChecks(tf);
    }

    @Test
    void everyTfFileIsParsed() throws Exception {
        long onDisk;
        try (var walk = Files.walk(Repo.terraform())) {
            onDisk = walk.filter(p -> p.toString().endsWith(".tf")).count();
        }
        assertThat(tf.files()).hasSize((int) onDisk);
        assertThat(tf.files()).allSatisfy(f -> assertThat(f.tree()).as(f.path().toString()).isNotEmpty());
        // The module layout the README describes.
        assertThat(tf.files()).extracting(f -> f.path().getParent() == null ? "" : f.path().getParent().toString())
                .contains("", "modules/storage", "modules/state", "modules/kafka", "modules/network",
                        "modules/config", "modules/kms");
    }

    @Test
    void samParameterListIsTheFixedOne() throws Exception {
        assertThat(SamParameters.read(Repo.root())).containsExactlyElementsOf(FIXED_SAM_PARAMETERS);
    }

    @Test
    void variablesHaveDescriptionTypeAndValidation() {
        assertThat(tf.blocks("variable")).hasSizeGreaterThan(20);
        assertThat(checks.variablesDocumented()).isEmpty();
    }

    @Test
    void outputsAreExactlyTheSamParameters() throws Exception {
        assertThat(checks.outputsMatch(SamParameters.read(Repo.root()))).isEmpty();
    }

    @Test
    void stateTableEqualsTheCodesSchema() {
        // Sanity of the definition compared with: what the state code creates.
        assertThat(CodeStateTable.SPEC.hashKey()).isEqualTo("pk");
        assertThat(CodeStateTable.SPEC.globalIndexes()).containsKey("status-updatedAt");
        assertThat(checks.stateTable()).isEqualTo(CodeStateTable.SPEC);
        assertThat(checks.stateTableMatches(CodeStateTable.SPEC)).isEmpty();
    }

    @Test
    void noIamStatementAllowsWildcardActions() {
        List<IamStatement> statements = IamPolicies.statements(tf);
        // Found: the KMS key policy (Allow) and the TLS-only bucket policies (Deny "s3:*", which is fine).
        assertThat(statements).anyMatch(IamStatement::allows);
        assertThat(statements).anyMatch(s -> !s.allows() && s.actions().contains("s3:*"));
        assertThat(checks.noWildcardActions()).isEmpty();
    }

    @Test
    void bucketsAreEncryptedPrivateTlsOnlyAndExpireOldVersions() {
        assertThat(tf.resources("aws_s3_bucket")).extracting(TerraformConfig.Block::name)
                .containsExactlyInAnyOrder("input", "output");
        assertThat(checks.bucketsHardened(TerraformChecks.VERSIONED_BUCKETS, TerraformChecks.EVENTBRIDGE_BUCKETS))
                .isEmpty();
    }

    @Test
    void noHardCodedAccountsRegionsOrArns() {
        assertThat(checks.noHardCodedIdentifiers()).isEmpty();
    }

    @Test
    void providersHaveAnUpperVersionBound() {
        assertThat(checks.providersPinned()).isEmpty();
        assertThat(TerraformChecks.boundedAbove("6.15.0")).isTrue();
        assertThat(TerraformChecks.boundedAbove("= 6.15.0")).isTrue();
        assertThat(TerraformChecks.boundedAbove("~> 6.0")).isTrue();
        assertThat(TerraformChecks.boundedAbove(">= 5.100.0, < 7.0.0")).isTrue();
        assertThat(TerraformChecks.boundedAbove(">= 5.100.0")).isFalse();
        assertThat(TerraformChecks.boundedAbove("!= 6.1.0")).isFalse();
        assertThat(TerraformChecks.boundedAbove("")).isFalse();
    }

    @Test
    void onlyTheExtractFunctionReachesTheBrokersAndEndpointsExist() {
        assertThat(checks.networkAndKafka()).isEmpty();
    }

    @Test
    void noSecretValueInCode() {
        assertThat(checks.noSecretValues()).isEmpty();
    }

    @Test
    void readmeShowsTheTerraformThenSamSequence() throws Exception {
        String readme = Files.readString(Repo.terraform().resolve("README.md"));
        assertThat(readme).contains("terraform init", "terraform plan", "terraform apply", "sam build",
                "sam deploy", "--parameter-overrides", "terraform output -json");
        for (String parameter : FIXED_SAM_PARAMETERS) {
            assertThat(readme).as("README mentions " + parameter).contains(parameter);
        }
    }

    @Test
    void deployGuideGoesFromEmptyAccountToFirstFileAndBack() throws Exception {
        String guide = Files.readString(Repo.root().resolve("docs/deploy.md"));
        assertThat(guide).contains("Prerequisites", "terraform init", "terraform apply", "sam build",
                "sam deploy --guided", "aws s3 cp samples/sample_products.json s3://", "/incoming/",
                "aws stepfunctions", "aws dynamodb query", "kafka-console-consumer", "sam delete",
                "terraform destroy", "15 minutes", "MSK Serverless", "part size", "bench/RESULTS.md");
        assertThat(guide).as("benchmark placeholders filled in").doesNotContain("[BENCH]");
    }
}
