package com.productflow.checks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every rule fails on a deliberately broken copy of the real configuration: each case copies
 * terraform/ into a temp dir, makes one edit (asserting the text it edits exists, so a drifted
 * case cannot pass silently), and expects the rule to name the problem.
 */
class TerraformChecksMutationTest {

    /** One edit: replace the first {@code from} in {@code file} with {@code to} ({@code from} null appends). */
    record Mutation(String name, String file, String from, String to,
                    Function<TerraformChecks, List<String>> check, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Function<TerraformChecks, List<String>> VARIABLES = TerraformChecks::variablesDocumented;
    static final Function<TerraformChecks, List<String>> OUTPUTS = c -> c.outputsMatch(TerraformChecksTest.FIXED_SAM_PARAMETERS);
    static final Function<TerraformChecks, List<String>> TABLE = c -> c.stateTableMatches(CodeStateTable.SPEC);
    static final Function<TerraformChecks, List<String>> IAM = TerraformChecks::noWildcardActions;
    static final Function<TerraformChecks, List<String>> BUCKETS =
            c -> c.bucketsHardened(TerraformChecks.VERSIONED_BUCKETS, TerraformChecks.EVENTBRIDGE_BUCKETS);
    static final Function<TerraformChecks, List<String>> HARD_CODED = TerraformChecks::noHardCodedIdentifiers;
    static final Function<TerraformChecks, List<String>> PROVIDERS = TerraformChecks::providersPinned;
    static final Function<TerraformChecks, List<String>> NETWORK = TerraformChecks::networkAndKafka;
    static final Function<TerraformChecks, List<String>> SECRETS = TerraformChecks::noSecretValues;

    static Stream<Mutation> mutations() {
        return Stream.of(
                // variables
                new Mutation("variable without description", "variables.tf",
                        "  description = \"Number of availability zones (and private subnets) for a created VPC. MSK Serverless needs at least two.\"\n",
                        "", VARIABLES, "variable az_count has no description"),
                new Mutation("module variable without type", "modules/kafka/variables.tf",
                        "  description = \"Security group of the brokers (admits only the extract function).\"\n  type        = string\n",
                        "  description = \"Security group of the brokers (admits only the extract function).\"\n",
                        VARIABLES, "variable broker_security_group_id has no type"),
                new Mutation("root string variable with no validation block at all", "variables.tf",
                        "  validation {\n    condition     = length(trimspace(var.article_status)) > 0 && length(var.article_status) <= 64\n"
                                + "    error_message = \"article_status must be 1-64 characters.\"\n  }\n",
                        "", VARIABLES, "variable article_status (string) has no validation block"),
                // outputs
                new Mutation("output renamed", "outputs.tf", "output \"DbSecretArn\"", "output \"DbSecret\"",
                        OUTPUTS, "SAM parameter DbSecretArn has no terraform output of the same name"),
                new Mutation("extra output", "outputs.tf", null,
                        "\noutput \"VpcId\" {\n  description = \"x\"\n  value       = module.network.vpc_id\n}\n",
                        OUTPUTS, "output VpcId is not a SAM parameter"),
                new Mutation("output without description", "outputs.tf",
                        "  description = \"Topic the extract publishes ready products to.\"\n", "",
                        OUTPUTS, "output KafkaTopic has no description"),
                // state table
                new Mutation("GSI projection", "modules/state/main.tf", "projection_type = \"ALL\"",
                        "projection_type = \"KEYS_ONLY\"", TABLE, "global secondary indexes"),
                new Mutation("GSI name", "modules/state/main.tf", "name            = \"status-updatedAt\"",
                        "name            = \"by-status\"", TABLE, "global secondary indexes"),
                new Mutation("hash key", "modules/state/main.tf", "hash_key                    = \"pk\"",
                        "hash_key                    = \"id\"", TABLE, "hash key: expected pk but was id"),
                new Mutation("range key", "modules/state/main.tf", "range_key                   = \"sk\"",
                        "range_key                   = \"version\"", TABLE, "range key: expected sk but was version"),
                new Mutation("attribute type", "modules/state/main.tf", "name = \"updatedAt\"\n    type = \"S\"",
                        "name = \"updatedAt\"\n    type = \"N\"", TABLE, "attribute definitions"),
                new Mutation("TTL off", "modules/state/main.tf", "attribute_name = \"ttl\"\n    enabled        = true",
                        "attribute_name = \"ttl\"\n    enabled        = false", TABLE, "TTL attribute: expected ttl but was "),
                new Mutation("TTL attribute renamed", "modules/state/main.tf", "attribute_name = \"ttl\"",
                        "attribute_name = \"expiresAt\"", TABLE, "TTL attribute: expected ttl but was expiresAt"),
                new Mutation("PITR off", "modules/state/main.tf", "point_in_time_recovery {\n    enabled = true",
                        "point_in_time_recovery {\n    enabled = false", TABLE, "point-in-time recovery: expected true but was false"),
                new Mutation("provisioned billing", "modules/state/main.tf", "\"PAY_PER_REQUEST\"", "\"PROVISIONED\"",
                        TABLE, "billing mode: expected PAY_PER_REQUEST but was PROVISIONED"),
                new Mutation("SSE off", "modules/state/main.tf", "server_side_encryption {\n    enabled     = true",
                        "server_side_encryption {\n    enabled     = false", TABLE, "server-side encryption: expected true but was false"),
                // IAM
                new Mutation("kms:* in the key policy", "modules/kms/main.tf", "\"kms:DescribeKey\"]",
                        "\"kms:DescribeKey\", \"kms:*\"]", IAM, "allows wildcard action kms:*"),
                new Mutation("\"*\" in a jsonencode policy", "modules/kms/main.tf", null, """

                        resource "aws_iam_policy" "broad" {
                          name = "broad"
                          policy = jsonencode({
                            Version   = "2012-10-17"
                            Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
                          })
                        }
                        """, IAM, "allows wildcard action *"),
                new Mutation("NotAction in a jsonencode policy", "modules/kms/main.tf", null, """

                        resource "aws_iam_policy" "broad" {
                          name = "broad"
                          policy = jsonencode({
                            Version   = "2012-10-17"
                            Statement = [{ Effect = "Allow", NotAction = ["iam:*"], Resource = "*" }]
                          })
                        }
                        """, IAM, "allows NotAction [iam:*]"),
                new Mutation("Deny turned into Allow of s3:*", "modules/storage/main.tf",
                        "effect    = \"Deny\"\n    actions   = [\"s3:*\"]", "effect    = \"Allow\"\n    actions   = [\"s3:*\"]",
                        IAM, "allows wildcard action s3:*"),
                new Mutation("effect omitted defaults to Allow", "modules/storage/main.tf",
                        "effect    = \"Deny\"\n    actions   = [\"s3:*\"]", "actions   = [\"s3:*\"]",
                        IAM, "allows wildcard action s3:*"),
                // buckets
                new Mutation("input not versioned", "modules/storage/main.tf", "status = \"Enabled\"\n  }\n}",
                        "status = \"Suspended\"\n  }\n}", BUCKETS, "resource aws_s3_bucket.input must be versioned"),
                new Mutation("output public access not fully blocked", "modules/storage/main.tf",
                        "bucket = aws_s3_bucket.output.id\n\n  block_public_acls       = true",
                        "bucket = aws_s3_bucket.output.id\n\n  block_public_acls       = false",
                        BUCKETS, "resource aws_s3_bucket.output has no public access block"),
                new Mutation("output policy is the input's", "modules/storage/main.tf",
                        "policy = data.aws_iam_policy_document.output_tls_only.json",
                        "policy = data.aws_iam_policy_document.input_tls_only.json",
                        BUCKETS, "resource aws_s3_bucket.output has no bucket policy denying requests without TLS"),
                new Mutation("TLS condition inverted", "modules/storage/main.tf", "values   = [\"false\"]",
                        "values   = [\"true\"]", BUCKETS, "resource aws_s3_bucket.input has no bucket policy denying requests without TLS"),
                new Mutation("no multipart abort", "modules/storage/main.tf",
                        "    abort_incomplete_multipart_upload {\n      days_after_initiation = var.abort_incomplete_multipart_days\n    }\n",
                        "", BUCKETS, "resource aws_s3_bucket.input has no enabled lifecycle rule"),
                new Mutation("no noncurrent expiry", "modules/storage/main.tf",
                        "    noncurrent_version_expiration {\n      noncurrent_days = var.noncurrent_version_days\n    }\n",
                        "", BUCKETS, "resource aws_s3_bucket.input has no enabled lifecycle rule"),
                new Mutation("no default encryption", "modules/storage/main.tf",
                        "sse_algorithm = var.kms_key_arn == \"\" ? \"AES256\" : \"aws:kms\"", "sse_algorithm = \"none\"",
                        BUCKETS, "resource aws_s3_bucket.input has no default encryption"),
                new Mutation("no EventBridge notification", "modules/storage/main.tf", "eventbridge = true",
                        "eventbridge = false", BUCKETS, "resource aws_s3_bucket.input must send its events to EventBridge"),
                new Mutation("input bucket renamed", "modules/storage/main.tf", "resource \"aws_s3_bucket\" \"input\"",
                        "resource \"aws_s3_bucket\" \"incoming\"", BUCKETS, "bucket aws_s3_bucket.input not found"),
                // hard-coded identifiers
                new Mutation("region in a resource", "modules/kafka/main.tf", "cluster_name = var.cluster_name",
                        "cluster_name = \"kafka-eu-west-1\"", HARD_CODED, "hard-coded region 'eu-west-1'"),
                new Mutation("availability zone", "modules/network/main.tf",
                        "availability_zone       = data.aws_availability_zones.available.names[count.index]",
                        "availability_zone       = \"eu-central-1a\"", HARD_CODED, "hard-coded region 'eu-central-1'"),
                new Mutation("account id and partition", "modules/kms/main.tf", "\"arn:${var.partition}:iam::${var.account_id}:root\"",
                        "\"arn:aws:iam::123456789012:root\"", HARD_CODED, "hard-coded account id '123456789012'"),
                new Mutation("literal partition", "modules/kms/main.tf", "\"arn:${var.partition}:iam::${var.account_id}:root\"",
                        "\"arn:aws:iam::${var.account_id}:root\"", HARD_CODED, "ARN with a literal partition"),
                new Mutation("region as a variable default", "variables.tf", "  default     = null\n",
                        "  default     = \"us-east-1\"\n", HARD_CODED, "variables.tf:8: hard-coded region 'us-east-1'"),
                // providers
                new Mutation("provider without an upper bound", "versions.tf", "version = \">= 5.100.0, < 7.0.0\"",
                        "version = \">= 5.100.0\"", PROVIDERS, "provider aws has no upper version bound"),
                new Mutation("no required_version", "versions.tf", "required_version = \">= 1.9.0, < 2.0.0\"\n", "",
                        PROVIDERS, "no terraform { required_version } found"),
                // network and Kafka
                new Mutation("brokers open to a CIDR", "modules/network/main.tf",
                        "  referenced_security_group_id = aws_security_group.extract.id\n}",
                        "  cidr_ipv4                    = \"10.0.0.0/8\"\n}",
                        NETWORK, "brokers_from_extract must admit only a referenced security group"),
                new Mutation("brokers on the plaintext port", "modules/network/main.tf",
                        "  from_port                    = 9098\n  to_port                      = 9098\n  referenced_security_group_id = aws_security_group.extract.id",
                        "  from_port                    = 9092\n  to_port                      = 9092\n  referenced_security_group_id = aws_security_group.extract.id",
                        NETWORK, "must admit only aws_security_group.extract on tcp 9098"),
                new Mutation("brokers open to another group", "modules/network/main.tf",
                        "  referenced_security_group_id = aws_security_group.extract.id\n}",
                        "  referenced_security_group_id = aws_security_group.endpoints.id\n}",
                        NETWORK, "must admit only aws_security_group.extract on tcp 9098"),
                new Mutation("inline ingress", "modules/network/main.tf",
                        "  vpc_id      = local.vpc_id\n}\n\nresource \"aws_security_group\" \"endpoints\"",
                        "  vpc_id      = local.vpc_id\n  ingress {\n    from_port   = 9098\n    to_port     = 9098\n    protocol    = \"tcp\"\n"
                                + "    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n\nresource \"aws_security_group\" \"endpoints\"",
                        NETWORK, "has inline ingress rules"),
                new Mutation("no Step Functions endpoint", "modules/network/variables.tf",
                        "default     = [\"secretsmanager\", \"ssm\", \"states\"]", "default     = [\"secretsmanager\", \"ssm\"]",
                        NETWORK, "default lacks [states]"),
                new Mutation("no DynamoDB endpoint", "modules/network/variables.tf",
                        "default     = [\"s3\", \"dynamodb\"]", "default     = [\"s3\"]", NETWORK, "default lacks [dynamodb]"),
                new Mutation("interface endpoint without private DNS", "modules/network/main.tf",
                        "private_dns_enabled = true", "private_dns_enabled = false", NETWORK, "needs private_dns_enabled = true"),
                new Mutation("MSK without IAM auth", "modules/kafka/main.tf", "      iam {\n        enabled = true",
                        "      iam {\n        enabled = false", NETWORK, "must enable SASL/IAM client authentication"),
                // secrets
                new Mutation("secret value in code", "modules/config/main.tf", null, """

                        resource "aws_secretsmanager_secret_version" "db" {
                          secret_id     = aws_secretsmanager_secret.db.id
                          secret_string = jsonencode({ username = "app", password = var.db_password })
                        }
                        """, SECRETS, "puts a secret value in code"),
                new Mutation("SecureString parameter", "modules/config/main.tf", "type        = \"String\"",
                        "type        = \"SecureString\"", SECRETS, "is SecureString"),
                new Mutation("no secret at all", "modules/config/main.tf", "resource \"aws_secretsmanager_secret\" \"db\"",
                        "resource \"aws_ssm_parameter\" \"db\"", SECRETS, "no aws_secretsmanager_secret found"));
    }

    private static TerraformChecks original;

    private static synchronized TerraformChecks original() throws Exception {
        if (original == null) {
            original = new TerraformChecks(TerraformConfig.load(Repo.terraform()));
        }
        return original;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void ruleFailsOnBrokenCopy(Mutation m, @TempDir Path dir) throws Exception {
        Repo.copyTree(Repo.terraform(), dir);
        Path file = dir.resolve(m.file());
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String broken;
        if (m.from() == null) {
            broken = text + m.to();
        } else {
            assertThat(text).as("text to mutate in " + m.file()).contains(m.from());
            broken = text.replaceFirst(java.util.regex.Pattern.quote(m.from()), java.util.regex.Matcher.quoteReplacement(m.to()));
        }
        Files.writeString(file, broken, StandardCharsets.UTF_8);

        // The same rule passes on the unbroken original...
        assertThat(m.check().apply(original())).isEmpty();
        // ...and names the problem on the broken copy.
        List<String> findings = m.check().apply(new TerraformChecks(TerraformConfig.load(dir)));
        assertThat(findings).as("findings of %s", m.name()).anyMatch(f -> f.contains(m.expected()));
    }

    @Test
    void commentsMayMentionRegionsAndAccounts(@TempDir Path dir) throws Exception {
        Repo.copyTree(Repo.terraform(), dir);
        Path file = dir.resolve("main.tf");
        Files.writeString(file, Files.readString(file)
                + "\n# e.g. eu-west-1, account 123456789012, arn:aws:iam::123456789012:root\n"
                + "/* us-east-1\n   210987654321 */\n"
                + "locals { example = \"a # not a comment\" } // ap-south-1\n");
        assertThat(new TerraformChecks(TerraformConfig.load(dir)).noHardCodedIdentifiers()).isEmpty();
    }

    @Test
    void stringsThatLookLikeCommentsAreStillScanned(@TempDir Path dir) throws Exception {
        Repo.copyTree(Repo.terraform(), dir);
        Path file = dir.resolve("main.tf");
        Files.writeString(file, Files.readString(file) + "\nlocals { example = \"# eu-west-1\" }\n");
        assertThat(new TerraformChecks(TerraformConfig.load(dir)).noHardCodedIdentifiers())
                .anyMatch(f -> f.contains("main.tf") && f.contains("'eu-west-1'"));
    }

    @Test
    void emptyConfigurationFailsEveryRuleInsteadOfPassingVacuously(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), "locals {\n  x = 1\n}\n");
        TerraformChecks empty = new TerraformChecks(TerraformConfig.load(dir));
        assertThat(empty.variablesDocumented()).contains("no variable blocks found");
        assertThat(empty.outputsMatch(TerraformChecksTest.FIXED_SAM_PARAMETERS)).hasSize(11);
        assertThat(empty.stateTableMatches(CodeStateTable.SPEC)).containsExactly("expected exactly one aws_dynamodb_table, found 0");
        assertThat(empty.noWildcardActions()).anyMatch(f -> f.startsWith("no IAM policy statements found"));
        assertThat(empty.bucketsHardened(TerraformChecks.VERSIONED_BUCKETS, TerraformChecks.EVENTBRIDGE_BUCKETS))
                .contains("no aws_s3_bucket resources found", "bucket aws_s3_bucket.input not found");
        assertThat(empty.providersPinned()).contains("no terraform { required_version } found");
        assertThat(empty.networkAndKafka()).contains("no aws_msk_serverless_cluster found");
        assertThat(empty.noSecretValues()).anyMatch(f -> f.startsWith("no aws_secretsmanager_secret found"));
    }

    /** What hcl4j cannot parse is named by file (terraform/check.sh names the rest: terraform fmt/validate). */
    @Test
    void unparsableFileIsNamed(@TempDir Path dir) throws Exception {
        Repo.copyTree(Repo.terraform(), dir);
        Files.writeString(dir.resolve("modules/state/broken.tf"), "locals {\n  a = = 1\n}\n");
        assertThatThrownBy(() -> TerraformConfig.load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot parse modules/state/broken.tf")
                .hasMessageContaining("Illegal character");
    }

    @Test
    void directoryWithoutTfFilesIsAnError(@TempDir Path dir) {
        assertThatThrownBy(() -> TerraformConfig.load(dir)).hasMessageContaining("no .tf files");
    }
}
