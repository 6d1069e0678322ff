package com.productflow.checks;

import com.productflow.template.CfnYaml;
import com.productflow.template.SamParameters;
import com.productflow.template.SamTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every template rule fails on a deliberately broken copy: each case copies template.yaml,
 * statemachine/ and terraform/sam-parameters.txt into a temp dir, makes one edit (asserting the text
 * it edits exists, so a drifted case cannot pass silently), and expects the rule to name the problem.
 */
class TemplateChecksMutationTest {

    /** One edit: replace the first {@code from} in {@code file} with {@code to}. */
    record Mutation(String name, String file, String from, String to, Rule check, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A rule, given the checks and the directory they read (for the parameter list). */
    interface Rule extends BiFunction<TemplateChecks, Path, List<String>> {
    }

    static final String T = "template.yaml";
    static final Rule PARAMETERS = (c, dir) -> c.parametersMatch(read(dir));
    static final Rule IAM = (c, dir) -> c.leastPrivilege();
    static final Rule SUBSTITUTIONS = (c, dir) -> c.substitutions();
    static final Rule BUCKETS = (c, dir) -> c.bucketsHardened();
    static final Rule TABLE = (c, dir) -> c.stateTableMatches(CodeStateTable.SPEC);
    static final Rule INDEXES = (c, dir) -> c.indexPermissionsMatch(CodeStateTable.SPEC.globalIndexes().keySet());
    static final Rule FUNCTIONS = (c, dir) -> c.functionsConfigured();
    static final Rule HANDLERS = (c, dir) -> c.handlersMatch(TemplateChecks.HANDLERS);
    static final Rule EXTRACT = (c, dir) -> c.extractFunctionGuarded();
    static final Rule INGEST = (c, dir) -> c.ingestDeadLetters();

    static List<String> read(Path dir) {
        try {
            return SamParameters.read(dir);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Mutation> mutations() {
        return Stream.of(
                // parameters
                new Mutation("parameter renamed", T, "  DbSecretArn:\n    Type: String", "  DbSecret:\n    Type: String",
                        PARAMETERS, "terraform fills DbSecretArn, which is not a template parameter"),
                new Mutation("terraform fills an unknown parameter", "terraform/sam-parameters.txt", "ParameterPrefix",
                        "ParameterPrefix\nVpcId", PARAMETERS, "terraform fills VpcId, which is not a template parameter"),
                new Mutation("own parameter without default", T, "    Default: xml/\n", "",
                        PARAMETERS, "parameter OutputPrefix is not filled by terraform and has no Default"),
                // IAM
                new Mutation("action *", T, "Action: [states:StartExecution]", "Action: [\"*\"]",
                        IAM, "IngestFunction statement StartProcessFile allows wildcard action *"),
                new Mutation("service wildcard", T, "Action: [dynamodb:GetItem, dynamodb:PutItem, dynamodb:Query]",
                        "Action: [dynamodb:*]", IAM, "allows wildcard action dynamodb:*"),
                new Mutation("service wildcard inside an !If branch", T, "Action: [kms:Decrypt]\n                Resource: !Ref KmsKeyArn",
                        "Action: [kms:*]\n                Resource: !Ref KmsKeyArn", IAM, "statement DecryptInput allows wildcard action kms:*"),
                new Mutation("Resource * on a bucket action", T,
                        "Resource: !If [CreateStorage, !GetAtt InputBucket.Arn, !Sub \"arn:${AWS::Partition}:s3:::${InputBucketName}\"]",
                        "Resource: \"*\"", IAM, "statement ListInput allows [s3:ListBucket] on Resource *"),
                new Mutation("non-exempt action among the log-delivery ones", T, "                - logs:DescribeLogGroups\n",
                        "                - logs:DescribeLogGroups\n                - logs:PutLogEvents\n",
                        IAM, "statement DeliverLogs allows [logs:PutLogEvents] on Resource *"),
                new Mutation("ARN with a wildcard resource part", T,
                        "\"arn:${AWS::Partition}:s3:::${Bucket}/${ProductsCsvKey}\"",
                        "\"arn:${AWS::Partition}:s3:::*\"", IAM, "statement ReadProductsCsv allows [s3:GetObject] on Resource"),
                new Mutation("Allow without Resource", T, "              Action: [states:StartExecution]\n              Resource: !Ref ProcessFileStateMachine\n",
                        "              Action: [states:StartExecution]\n", IAM, "statement StartProcessFile names no Resource"),
                new Mutation("NotAction", T, "Action: [s3:ListBucket]", "NotAction: [iam:CreateUser]", IAM, "allows NotAction [iam:CreateUser]"),
                new Mutation("NotResource", T, "              Resource: !If [CreateStorage, !GetAtt InputBucket.Arn",
                        "              NotResource: !If [CreateStorage, !GetAtt InputBucket.Arn", IAM, "statement ListInput allows NotResource"),
                new Mutation("managed policy", T, "      Policies:\n        - Statement:\n            - Sid: ListInput",
                        "      Policies:\n        - AmazonS3FullAccess\n        - Statement:\n            - Sid: ListInput",
                        IAM, "ListFilesFunction attaches managed policy AmazonS3FullAccess"),
                new Mutation("unreviewed policy template on *", T, "        - LambdaInvokePolicy:\n            FunctionName: !Ref ConvertFunction",
                        "        - S3CrudPolicy:\n            BucketName: \"*\"", IAM, "uses policy template S3CrudPolicy, which is not in the reviewed list"),
                new Mutation("bucket policy Deny turned Allow", T, "            Effect: Deny\n            Principal: \"*\"\n            Action: \"s3:*\"",
                        "            Effect: Allow\n            Principal: \"*\"\n            Action: \"s3:*\"", IAM,
                        "InputBucketTlsOnly statement DenyInsecureTransport allows wildcard action s3:*"),
                // substitutions
                new Mutation("substitution never used", T, "        RecordOutcomeFunctionArn: !Ref RecordOutcomeFunction.Alias\n",
                        "        RecordOutcomeFunctionArn: !Ref RecordOutcomeFunction.Alias\n        UnusedArn: !Ref ConvertFunction.Alias\n",
                        SUBSTITUTIONS, "ProcessFileStateMachine substitutes UnusedArn, which statemachine/process-file.asl.json never uses"),
                new Mutation("placeholder without substitution", T, "        ExtractFunctionArn: !Ref ExtractFunction.Alias\n", "",
                        SUBSTITUTIONS, "statemachine/process-file.asl.json uses ${ExtractFunctionArn}, which ProcessFileStateMachine does not substitute"),
                new Mutation("placeholder misspelt in the definition", "statemachine/backfill.asl.json", "${IngestFunctionArn}", "${IngestFnArn}",
                        SUBSTITUTIONS, "uses ${IngestFnArn}, which BackfillStateMachine does not substitute"),
                new Mutation("substitution names an unknown resource", T, "ConvertFunctionArn: !Ref ConvertFunction.Alias",
                        "ConvertFunctionArn: !Ref ConverterFunction.Alias", SUBSTITUTIONS,
                        "substitution ConvertFunctionArn references ConverterFunction.Alias, which is not a resource of the template"),
                new Mutation("substitution is a literal ARN", T, "ListFilesFunctionArn: !Ref ListFilesFunction.Alias",
                        "ListFilesFunctionArn: arn:aws:lambda:eu-west-1:123456789012:function:x", SUBSTITUTIONS,
                        "substitution ListFilesFunctionArn references no resource"),
                new Mutation("substitution is only a parameter", T, "RecordOutcomeFunctionArn: !Ref RecordOutcomeFunction.Alias",
                        "RecordOutcomeFunctionArn: !Ref MskClusterArn", SUBSTITUTIONS, "substitution RecordOutcomeFunctionArn references no resource"),
                new Mutation("alias of something that is no function", T, "ConvertFunctionArn: !Ref ConvertFunction.Alias",
                        "ConvertFunctionArn: !Ref StateMachineLogs.Alias", SUBSTITUTIONS, "is not a function with AutoPublishAlias"),
                new Mutation("definition file not deployed", T, "DefinitionUri: statemachine/backfill.asl.json",
                        "DefinitionUri: statemachine/process-file.asl.json", SUBSTITUTIONS,
                        "statemachine/backfill.asl.json is not the DefinitionUri of any state machine"),
                new Mutation("definition file missing", T, "DefinitionUri: statemachine/process-file.asl.json",
                        "DefinitionUri: statemachine/process.asl.json", SUBSTITUTIONS, "DefinitionUri statemachine/process.asl.json cannot be read"),
                // buckets
                new Mutation("no encryption", T, "SSEAlgorithm: AES256", "SSEAlgorithm: none", BUCKETS, "InputBucket has no default encryption"),
                new Mutation("not versioned", T, "      VersioningConfiguration:\n        Status: Enabled",
                        "      VersioningConfiguration:\n        Status: Suspended", BUCKETS, "InputBucket is not versioned"),
                new Mutation("public access not blocked", T, "RestrictPublicBuckets: true", "RestrictPublicBuckets: false",
                        BUCKETS, "InputBucket does not block public access: PublicAccessBlockConfiguration.RestrictPublicBuckets"),
                new Mutation("TLS condition inverted", T, "aws:SecureTransport: \"false\"", "aws:SecureTransport: \"true\"",
                        BUCKETS, "InputBucket has no bucket policy denying requests without TLS"),
                // state table
                new Mutation("GSI projection", T, "ProjectionType: ALL", "ProjectionType: KEYS_ONLY", TABLE, "global secondary indexes"),
                new Mutation("GSI name", T, "IndexName: status-updatedAt", "IndexName: by-status", TABLE, "global secondary indexes"),
                new Mutation("hash key", T, "{ AttributeName: pk, KeyType: HASH }", "{ AttributeName: id, KeyType: HASH }",
                        TABLE, "hash key: expected pk but was id"),
                new Mutation("range key dropped", T, "        - { AttributeName: sk, KeyType: RANGE }\n", "",
                        TABLE, "range key: expected sk but was "),
                new Mutation("attribute type", T, "{ AttributeName: updatedAt, AttributeType: S }", "{ AttributeName: updatedAt, AttributeType: N }",
                        TABLE, "attribute definitions"),
                new Mutation("TTL off", T, "        AttributeName: ttl\n        Enabled: true", "        AttributeName: ttl\n        Enabled: false",
                        TABLE, "TTL attribute: expected ttl but was "),
                new Mutation("TTL attribute renamed", T, "AttributeName: ttl", "AttributeName: expiresAt",
                        TABLE, "TTL attribute: expected ttl but was expiresAt"),
                new Mutation("PITR off", T, "PointInTimeRecoveryEnabled: true", "PointInTimeRecoveryEnabled: false",
                        TABLE, "point-in-time recovery: expected true but was false"),
                new Mutation("provisioned billing", T, "BillingMode: PAY_PER_REQUEST", "BillingMode: PROVISIONED",
                        TABLE, "billing mode: expected PAY_PER_REQUEST but was PROVISIONED"),
                new Mutation("SSE off", T, "SSEEnabled: true", "SSEEnabled: false", TABLE, "server-side encryption: expected true but was false"),
                new Mutation("policy on a renamed index", T, "table/${Table}/index/status-updatedAt", "table/${Table}/index/by-status",
                        INDEXES, "RedriveFunction statement FindStuckFiles grants on index by-status, which the state table does not have"),
                new Mutation("no index permission at all", T, "table/${Table}/index/status-updatedAt", "table/${Table}",
                        INDEXES, "no policy grants on a table index"),
                // functions
                new Mutation("global runtime", T, "Runtime: java21", "Runtime: python3.12", FUNCTIONS, "runtime python3.12 is not one of [java17, java21]"),
                new Mutation("one function overrides the runtime", T,
                        "      Handler: com.productflow.functions.ingest.ListFilesHandler::handleRequest\n",
                        "      Handler: com.productflow.functions.ingest.ListFilesHandler::handleRequest\n      Runtime: java11\n",
                        FUNCTIONS, "AWS::Serverless::Function ListFilesFunction runtime java11"),
                new Mutation("x86", T, "Architectures: [arm64]", "Architectures: [x86_64]", FUNCTIONS, "architectures [x86_64] are not [arm64]"),
                new Mutation("no SnapStart", T, "      ApplyOn: PublishedVersions", "      ApplyOn: None", FUNCTIONS, "has no SnapStart"),
                new Mutation("no published versions", T, "    AutoPublishAlias: live\n", "", FUNCTIONS, "has no AutoPublishAlias"),
                new Mutation("handler outside the naming scheme", T, "Handler: com.productflow.functions.convert.ConvertHandler::handleRequest",
                        "Handler: com.productflow.convert.Convert::handleRequest", FUNCTIONS,
                        "ConvertFunction handler 'com.productflow.convert.Convert::handleRequest' is not"),
                new Mutation("handler not the listed one", T, "com.productflow.functions.state.RedriveHandler::handleRequest",
                        "com.productflow.functions.state.RedriverHandler::handleRequest", HANDLERS,
                        "function RedriveFunction has handler com.productflow.functions.state.RedriverHandler::handleRequest"),
                new Mutation("function not listed", T, "  ListFilesFunction:\n    Type: AWS::Serverless::Function",
                        "  ListFunction:\n    Type: AWS::Serverless::Function", HANDLERS, "function ListFunction is not listed in HANDLERS"),
                new Mutation("listed function missing", T, "  ListFilesFunction:\n    Type: AWS::Serverless::Function",
                        "  ListFunction:\n    Type: AWS::Serverless::Function", HANDLERS,
                        "function ListFilesFunction is listed in HANDLERS but not in the template"),
                // extract
                new Mutation("no reserved concurrency", T, "      ReservedConcurrentExecutions: 1\n      VpcConfig:", "      VpcConfig:",
                        EXTRACT, "ExtractFunction has no positive ReservedConcurrentExecutions"),
                new Mutation("reserved concurrency 0", T, "      ReservedConcurrentExecutions: 1\n      VpcConfig:",
                        "      ReservedConcurrentExecutions: 0\n      VpcConfig:", EXTRACT, "has no positive ReservedConcurrentExecutions (was 0)"),
                new Mutation("no VPC", T, "      VpcConfig:\n        SubnetIds: !Ref PrivateSubnetIds\n        SecurityGroupIds: [!Ref ExtractSecurityGroupId]\n",
                        "", EXTRACT, "ExtractFunction has no VpcConfig.SubnetIds"),
                // ingest
                new Mutation("no on-failure destination", T,
                        "        DestinationConfig:\n          OnFailure:\n            Type: SQS\n            Destination: !GetAtt IngestDeadLetterQueue.Arn\n",
                        "", INGEST, "IngestFunction has no on-failure destination or dead-letter queue"),
                new Mutation("on-failure destination is no queue", T, "            Destination: !GetAtt IngestDeadLetterQueue.Arn",
                        "            Destination: !GetAtt StateMachineLogs.Arn", INGEST, "has no on-failure destination or dead-letter queue"),
                new Mutation("queue policy admits another service", T, "Principal: { Service: events.amazonaws.com }",
                        "Principal: { Service: sns.amazonaws.com }", INGEST,
                        "event ObjectCreated sends dead letters to IngestDeadLetterQueue, but no AWS::SQS::QueuePolicy allows events.amazonaws.com"));
    }

    private static TemplateChecks original;

    private static synchronized TemplateChecks original() throws Exception {
        if (original == null) {
            original = new TemplateChecks(SamTemplate.load(Repo.root()), Repo.root());
        }
        return original;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void ruleFailsOnBrokenCopy(Mutation m, @TempDir Path dir) throws Exception {
        Repo.copyTemplateFiles(dir);
        Path file = dir.resolve(m.file());
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).as("text to mutate in " + m.file()).contains(m.from());
        Files.writeString(file, text.replaceFirst(Pattern.quote(m.from()), Matcher.quoteReplacement(m.to())), StandardCharsets.UTF_8);

        // The same rule passes on the unbroken original...
        assertThat(m.check().apply(original(), Repo.root())).isEmpty();
        // ...and names the problem on the broken copy.
        List<String> findings = m.check().apply(new TemplateChecks(SamTemplate.load(dir), dir), dir);
        assertThat(findings).as("findings of %s", m.name()).anyMatch(f -> f.contains(m.expected()));
    }

    @Test
    void emptyTemplateFailsEveryRuleInsteadOfPassingVacuously(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("template.yaml"), "Resources: {}\n");
        Files.createDirectories(dir.resolve("statemachine"));
        TemplateChecks empty = new TemplateChecks(SamTemplate.load(dir), dir);
        assertThat(empty.parametersMatch(List.of("A"))).contains("no Parameters found", "terraform fills A, which is not a template parameter");
        assertThat(empty.leastPrivilege()).anyMatch(f -> f.startsWith("no Allow statements found"));
        assertThat(empty.substitutions()).contains("no AWS::Serverless::StateMachine found");
        assertThat(empty.bucketsHardened()).anyMatch(f -> f.startsWith("no AWS::S3::Bucket found"));
        assertThat(empty.stateTableMatches(CodeStateTable.SPEC)).containsExactly("expected exactly one AWS::DynamoDB::Table, found 0");
        assertThat(empty.indexPermissionsMatch(Set.of("i"))).anyMatch(f -> f.startsWith("no policy grants on a table index"));
        assertThat(empty.functionsConfigured()).contains("no AWS::Serverless::Function found");
        assertThat(empty.handlersMatch(TemplateChecks.HANDLERS)).hasSize(TemplateChecks.HANDLERS.size());
        assertThat(empty.extractFunctionGuarded()).containsExactly("no ExtractFunction found");
        assertThat(empty.ingestDeadLetters()).containsExactly("no IngestFunction found");
    }

    @Test
    void everyShortFormTagIsReadAsItsLongForm() {
        Map<String, Object> t = CfnYaml.parse("t.yaml", """
                A: !Ref X
                B: !Sub "${X}-y"
                C: !Sub ["${P}", {P: !GetAtt Q.Arn}]
                D: !GetAtt R.Outputs.Name
                E: !If [Cond, !Select [1, !Split [",", !Ref L]], !Ref AWS::NoValue]
                F: !Join ["", [a, !Base64 b]]
                G: !Condition C1
                H: !FindInMap [M, !Ref AWS::Region, k]
                I: !GetAZs ""
                J: !ImportValue exported
                K: !Equals [!Ref X, ""]
                """);
        assertThat(t.get("A")).isEqualTo(Map.of("Ref", "X"));
        assertThat(t.get("B")).isEqualTo(Map.of("Fn::Sub", "${X}-y"));
        assertThat(t.get("C")).isEqualTo(Map.of("Fn::Sub", List.of("${P}", Map.of("P", Map.of("Fn::GetAtt", List.of("Q", "Arn"))))));
        assertThat(t.get("D")).isEqualTo(Map.of("Fn::GetAtt", List.of("R", "Outputs.Name")));
        assertThat(t.get("E")).isEqualTo(Map.of("Fn::If", List.of("Cond",
                Map.of("Fn::Select", List.of(1, Map.of("Fn::Split", List.of(",", Map.of("Ref", "L"))))),
                Map.of("Ref", "AWS::NoValue"))));
        assertThat(t.get("F")).isEqualTo(Map.of("Fn::Join", List.of("", List.of("a", Map.of("Fn::Base64", "b")))));
        assertThat(t.get("G")).isEqualTo(Map.of("Condition", "C1"));
        assertThat(t.get("H")).isEqualTo(Map.of("Fn::FindInMap", List.of("M", Map.of("Ref", "AWS::Region"), "k")));
        assertThat(t.get("I")).isEqualTo(Map.of("Fn::GetAZs", ""));
        assertThat(t.get("J")).isEqualTo(Map.of("Fn::ImportValue", "exported"));
        assertThat(t.get("K")).isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "X"), "")));
    }

    static Stream<Arguments> unparsable() {
        return Stream.of(
                Arguments.of("bad indentation", "Resources:\n  A:\n    Type: x\n   B: y\n", "line 4"),
                Arguments.of("duplicate key", "Resources:\n  A: {}\n  A: {}\n", "found duplicate key A"),
                Arguments.of("unclosed flow sequence", "A: [1, 2\n", "cannot parse t.yaml"),
                Arguments.of("not a mapping", "- a\n- b\n", "the document is not a mapping"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unparsable")
    void unparsableTemplateIsNamedWithItsLine(String name, String text, String expected) {
        assertThatThrownBy(() -> CfnYaml.parse("t.yaml", text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot parse t.yaml")
                .hasMessageContaining(expected);
    }
}
