package com.productflow.checks;

import com.productflow.template.SamTemplate;
import com.productflow.template.SamTemplate.Resource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.productflow.template.SamTemplate.get;
import static com.productflow.template.SamTemplate.intrinsic;
import static com.productflow.template.SamTemplate.isTrue;
import static com.productflow.template.SamTemplate.list;
import static com.productflow.template.SamTemplate.map;
import static com.productflow.template.SamTemplate.text;

/**
 * The rules {@code template.yaml} must keep, checked from the parsed file (no AWS, no SAM CLI):
 * {@code cfn-lint} checks the template against the CloudFormation specification, these check what
 * the specification cannot know (least privilege, our parameters, our definitions, our handlers).
 * Each check returns readable findings; empty means the rule holds; finding nothing to look at is
 * itself a finding.
 */
public final class TemplateChecks {

    /** The functions and their handlers (logical id -> handler); a class-loading test uses this list. */
    public static final Map<String, String> HANDLERS = Map.of(
            "IngestFunction", "com.productflow.functions.ingest.IngestHandler::handleRequest",
            "ListFilesFunction", "com.productflow.functions.ingest.ListFilesHandler::handleRequest",
            "ConvertFunction", "com.productflow.functions.convert.ConvertHandler::handleRequest",
            "ExtractFunction", "com.productflow.functions.extract.ExtractHandler::handleRequest",
            "RecordOutcomeFunction", "com.productflow.functions.state.RecordOutcomeHandler::handleRequest",
            "RedriveFunction", "com.productflow.functions.state.RedriveHandler::handleRequest");

    /** {@code com.productflow.functions.<area>.<Name>Handler::handleRequest}. */
    public static final Pattern HANDLER = Pattern.compile(
            "com\\.productflow\\.functions\\.[a-z][a-z0-9]*\\.[A-Z][A-Za-z0-9]*Handler::handleRequest");

    /**
     * Actions that may be allowed on {@code Resource: "*"}: the CloudWatch Logs log-delivery actions a
     * state machine's logging needs, which do not support resource-level permissions (Service
     * Authorization Reference, "Amazon CloudWatch Logs": resource type column empty).
     */
    public static final Set<String> RESOURCE_WILDCARD_ACTIONS = Set.of(
            "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
            "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies",
            "logs:DescribeLogGroups");

    public static final Set<String> RUNTIMES = Set.of("java17", "java21");
    public static final String STATE_MACHINE_DIR = "statemachine";

    private static final Set<String> SSE_ALGORITHMS = Set.of("AES256", "aws:kms", "aws:kms:dsse");
    private static final List<String> PUBLIC_ACCESS_FLAGS = List.of(
            "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    /** An ARN whose resource part is only "*" names no resource. */
    private static final Pattern WILDCARD_ARN = Pattern.compile("arn:[^:\"]*:[^:\"]*:[^:\"]*:[^:\"]*:\\*(?![^\"\\]}])");

    /** Pseudo parameters inside an ARN (their "::" would throw off counting the ARN's fields). */
    private static final Pattern PSEUDO = Pattern.compile("\\$\\{AWS::[A-Za-z]+}");

    private final SamTemplate template;
    private final Path repoRoot;

    /** {@code repoRoot} is where the definition files named by {@code DefinitionUri} are read from. */
    public TemplateChecks(SamTemplate template, Path repoRoot) {
        this.template = template;
        this.repoRoot = repoRoot;
    }

    // --- parameters ---------------------------------------------------------------------------

    /** Every terraform-filled parameter is declared; every other parameter has a default. */
    public List<String> parametersMatch(List<String> samParameters) {
        List<String> out = new ArrayList<>();
        Map<String, Object> parameters = template.parameters();
        if (parameters.isEmpty()) {
            out.add("no Parameters found");
        }
        for (String p : samParameters) {
            if (!parameters.containsKey(p)) {
                out.add("terraform fills " + p + ", which is not a template parameter");
            }
        }
        for (Map.Entry<String, Object> p : parameters.entrySet()) {
            if (!samParameters.contains(p.getKey()) && !map(p.getValue()).containsKey("Default")) {
                out.add("parameter " + p.getKey() + " is not filled by terraform and has no Default");
            }
        }
        return out;
    }

    // --- IAM ----------------------------------------------------------------------------------

    /**
     * No Allow statement grants "*" or "service:*" or uses NotAction/NotResource; every Allow names
     * its resources ("*" only for {@link #RESOURCE_WILDCARD_ACTIONS}); every policy is one the
     * template spells out (no managed policies, only reviewed SAM policy templates).
     */
    public List<String> leastPrivilege() {
        List<String> out = new ArrayList<>();
        TemplatePolicies.Found found = TemplatePolicies.collect(template);
        out.addAll(found.unreviewable());
        if (found.statements().stream().noneMatch(IamStatement::allows)) {
            out.add("no Allow statements found (expected the functions' policies)");
        }
        for (IamStatement st : found.statements()) {
            if (!st.allows()) {
                continue;
            }
            for (String action : st.actions()) {
                if (IamStatement.isWildcardAction(action)) {
                    out.add(st.where() + " allows wildcard action " + action);
                }
            }
            if (!st.notActions().isEmpty()) {
                out.add(st.where() + " allows NotAction " + st.notActions());
            }
            if (st.resources().isEmpty()) {
                out.add(st.where() + " names no Resource");
            }
            for (String resource : st.resources()) {
                if (resource.startsWith("NotResource ")) {
                    out.add(st.where() + " allows " + resource);
                } else if (resource.equals("*") || WILDCARD_ARN.matcher(PSEUDO.matcher(resource).replaceAll("x")).find()) {
                    List<String> notExempt = st.actions().stream().filter(a -> !RESOURCE_WILDCARD_ACTIONS.contains(a)).toList();
                    if (!notExempt.isEmpty() || st.actions().isEmpty()) {
                        out.add(st.where() + " allows " + notExempt + " on Resource " + resource
                                + " (name the resource; only actions without resource-level permissions may use \"*\")");
                    }
                }
            }
        }
        return out;
    }

    private static final Pattern INDEX_ARN = Pattern.compile(":table/[^\"]*?/index/([^\"/}*]+)");

    /**
     * Every {@code table/.../index/<name>} a policy grants on is an index of the state table
     * ({@code indexes}): a renamed index would otherwise leave a policy that no longer allows the query.
     */
    public List<String> indexPermissionsMatch(Set<String> indexes) {
        List<String> out = new ArrayList<>();
        int found = 0;
        for (IamStatement st : TemplatePolicies.collect(template).statements()) {
            for (String resource : st.resources()) {
                Matcher m = INDEX_ARN.matcher(resource);
                while (m.find()) {
                    found++;
                    if (!indexes.contains(m.group(1))) {
                        out.add(st.where() + " grants on index " + m.group(1) + ", which the state table does not have " + new TreeSet<>(indexes));
                    }
                }
            }
        }
        if (found == 0) {
            out.add("no policy grants on a table index (expected the redrive query on the status index)");
        }
        return out;
    }

    // --- state machine substitutions ----------------------------------------------------------

    /**
     * For every state machine: its definition is a file here; each DefinitionSubstitutions key is
     * used as ${Key} in it; each ${...} in it has a substitution; each substitution references a
     * resource of this template. Every statemachine/*.asl.json is deployed by some state machine.
     */
    public List<String> substitutions() {
        List<String> out = new ArrayList<>();
        List<Resource> machines = template.resources("AWS::Serverless::StateMachine");
        if (machines.isEmpty()) {
            out.add("no AWS::Serverless::StateMachine found");
        }
        Set<Path> deployed = new TreeSet<>();
        for (Resource m : machines) {
            Object uri = m.properties().get("DefinitionUri");
            if (!(uri instanceof String file)) {
                out.add(m.where() + " has no local DefinitionUri (the checks read the definition from the repository)");
                continue;
            }
            Path path = repoRoot.resolve(file).normalize();
            deployed.add(path);
            String definition;
            try {
                definition = Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                out.add(m.where() + " DefinitionUri " + file + " cannot be read: " + e.getMessage());
                continue;
            }
            Set<String> placeholders = new LinkedHashSet<>();
            Matcher matcher = PLACEHOLDER.matcher(definition);
            while (matcher.find()) {
                placeholders.add(matcher.group(1));
            }
            Map<String, Object> substitutions = map(m.properties().get("DefinitionSubstitutions"));
            for (String p : placeholders) {
                if (!substitutions.containsKey(p)) {
                    out.add(file + " uses ${" + p + "}, which " + m.id() + " does not substitute");
                }
            }
            for (Map.Entry<String, Object> s : substitutions.entrySet()) {
                if (!placeholders.contains(s.getKey())) {
                    out.add(m.id() + " substitutes " + s.getKey() + ", which " + file + " never uses as ${" + s.getKey() + "}");
                }
                out.addAll(referencesResources(m.id() + " substitution " + s.getKey(), s.getValue()));
            }
        }
        try (Stream<Path> files = Files.list(repoRoot.resolve(STATE_MACHINE_DIR))) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                if (f.getFileName().toString().endsWith(".asl.json") && !deployed.contains(f.normalize())) {
                    out.add(repoRoot.relativize(f) + " is not the DefinitionUri of any state machine");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Findings unless {@code value} references at least one resource and nothing unknown. */
    private List<String> referencesResources(String where, Object value) {
        List<String> out = new ArrayList<>();
        Set<String> refs = new LinkedHashSet<>();
        collectReferences(value, refs);
        boolean resource = false;
        for (String ref : refs) {
            String base = ref.contains(".") ? ref.substring(0, ref.indexOf('.')) : ref;
            Optional<Resource> r = template.resource(base);
            if (r.isPresent()) {
                resource = true;
                String attribute = ref.contains(".") ? ref.substring(ref.indexOf('.') + 1) : "";
                boolean samAliasOrVersion = attribute.equals("Alias") || attribute.equals("Version");
                if (samAliasOrVersion && (!r.get().type().equals("AWS::Serverless::Function")
                        || text(template.functionProperty(r.get(), "AutoPublishAlias")).isBlank())) {
                    out.add(where + " references " + ref + ", but " + base + " is not a function with AutoPublishAlias");
                }
            } else if (!ref.startsWith("AWS::") && !template.parameters().containsKey(ref)) {
                out.add(where + " references " + ref + ", which is not a resource of the template");
            }
        }
        if (!resource && out.isEmpty()) {
            out.add(where + " references no resource of the template: " + text(value));
        }
        return out;
    }

    /** Names referenced by Ref, GetAtt and ${...} in Sub strings, as "Id" or "Id.Attribute". */
    private static void collectReferences(Object value, Set<String> refs) {
        String fn = intrinsic(value);
        Object arg = fn.isEmpty() ? null : map(value).get(fn);
        switch (fn) {
            case "Ref" -> refs.add(text(arg));
            case "Fn::GetAtt" -> {
                List<Object> parts = list(arg);
                refs.add(parts.size() == 1 ? text(parts.get(0)) : text(parts.get(0)) + "." + text(parts.get(1)));
            }
            case "Fn::Sub" -> {
                List<Object> parts = arg instanceof List<?> ? list(arg) : List.of(text(arg));
                Map<String, Object> variables = parts.size() > 1 ? map(parts.get(1)) : Map.of();
                Matcher m = PLACEHOLDER.matcher(text(parts.get(0)));
                while (m.find()) {
                    String name = m.group(1);
                    if (!name.startsWith("!") && !variables.containsKey(name)) {
                        refs.add(name);
                    }
                }
                variables.values().forEach(v -> collectReferences(v, refs));
            }
            default -> {
                if (value instanceof Map<?, ?> mm) {
                    mm.values().forEach(v -> collectReferences(v, refs));
                } else if (value instanceof List<?> l) {
                    l.forEach(v -> collectReferences(v, refs));
                }
            }
        }
    }

    // --- storage ------------------------------------------------------------------------------

    /** Every bucket: default encryption, versioning, all four public access blocks, a TLS-only policy. */
    public List<String> bucketsHardened() {
        List<String> out = new ArrayList<>();
        List<Resource> buckets = template.resources("AWS::S3::Bucket");
        if (buckets.isEmpty()) {
            out.add("no AWS::S3::Bucket found (standalone mode creates the buckets)");
        }
        for (Resource b : buckets) {
            Map<String, Object> p = b.properties();
            boolean encrypted = !list(get(p, "BucketEncryption", "ServerSideEncryptionConfiguration")).isEmpty()
                    && list(get(p, "BucketEncryption", "ServerSideEncryptionConfiguration")).stream().allMatch(rule ->
                    SSE_ALGORITHMS.contains(text(get(rule, "ServerSideEncryptionByDefault", "SSEAlgorithm"))));
            if (!encrypted) {
                out.add(b.where() + " has no default encryption (BucketEncryption with " + SSE_ALGORITHMS + ")");
            }
            if (!"Enabled".equals(text(get(p, "VersioningConfiguration", "Status")))) {
                out.add(b.where() + " is not versioned (VersioningConfiguration.Status Enabled)");
            }
            for (String flag : PUBLIC_ACCESS_FLAGS) {
                if (!isTrue(get(p, "PublicAccessBlockConfiguration", flag))) {
                    out.add(b.where() + " does not block public access: PublicAccessBlockConfiguration." + flag + " is not true");
                }
            }
            if (!hasTlsOnlyPolicy(b.id())) {
                out.add(b.where() + " has no bucket policy denying requests without TLS");
            }
        }
        return out;
    }

    private boolean hasTlsOnlyPolicy(String bucketId) {
        for (Resource policy : template.resources("AWS::S3::BucketPolicy")) {
            if (!bucketId.equals(get(policy.properties(), "Bucket", "Ref"))) {
                continue;
            }
            for (IamStatement st : TemplatePolicies.document(policy.where(), policy.properties().get("PolicyDocument"))) {
                if ("Deny".equals(st.effect()) && st.actions().contains("s3:*")
                        && st.conditions().contains("Bool aws:SecureTransport=false")) {
                    return true;
                }
            }
        }
        return false;
    }

    // --- the state table ----------------------------------------------------------------------

    /** The standalone {@code AWS::DynamoDB::Table}, reduced to the fields code and infrastructure share. */
    public StateTableSpec stateTable() {
        List<Resource> tables = template.resources("AWS::DynamoDB::Table");
        if (tables.size() != 1) {
            throw new IllegalStateException("expected exactly one AWS::DynamoDB::Table, found " + tables.size());
        }
        Map<String, Object> t = tables.get(0).properties();
        Map<String, String> attributes = new TreeMap<>();
        for (Object a : list(t.get("AttributeDefinitions"))) {
            attributes.put(text(get(a, "AttributeName")), text(get(a, "AttributeType")));
        }
        String[] keys = keys(t.get("KeySchema"));
        List<StateTableSpec.Index> indexes = new ArrayList<>();
        for (Object g : list(t.get("GlobalSecondaryIndexes"))) {
            String[] gk = keys(get(g, "KeySchema"));
            indexes.add(new StateTableSpec.Index(text(get(g, "IndexName")), gk[0], gk[1],
                    text(get(g, "Projection", "ProjectionType"))));
        }
        String billing = text(t.get("BillingMode"));
        boolean ttlOn = isTrue(get(t, "TimeToLiveSpecification", "Enabled"));
        return new StateTableSpec(
                billing.isEmpty() ? "PROVISIONED" : billing, // CloudFormation's default
                keys[0], keys[1], new TreeMap<>(attributes),
                StateTableSpec.indexes(indexes.toArray(StateTableSpec.Index[]::new)),
                ttlOn ? text(get(t, "TimeToLiveSpecification", "AttributeName")) : "",
                isTrue(get(t, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled")),
                isTrue(get(t, "SSESpecification", "SSEEnabled")));
    }

    /** [hash, range] attribute names of a KeySchema list ("" when absent). */
    private static String[] keys(Object keySchema) {
        String[] out = {"", ""};
        for (Object k : list(keySchema)) {
            String type = text(get(k, "KeyType"));
            if (type.equals("HASH")) {
                out[0] = text(get(k, "AttributeName"));
            } else if (type.equals("RANGE")) {
                out[1] = text(get(k, "AttributeName"));
            }
        }
        return out;
    }

    /** Differences between the template's table and {@code expected}. */
    public List<String> stateTableMatches(StateTableSpec expected) {
        try {
            return expected.differencesFrom(stateTable());
        } catch (IllegalStateException e) {
            return List.of(e.getMessage());
        }
    }

    // --- functions ----------------------------------------------------------------------------

    /**
     * Every function (own properties over Globals): a Java runtime from {@link #RUNTIMES}, arm64 only,
     * SnapStart on published versions with an AutoPublishAlias (so what is invoked is a snapshotted
     * version), and a handler of the form {@link #HANDLER}.
     */
    public List<String> functionsConfigured() {
        List<String> out = new ArrayList<>();
        List<Resource> functions = template.resources("AWS::Serverless::Function");
        if (functions.isEmpty()) {
            out.add("no AWS::Serverless::Function found");
        }
        for (Resource f : functions) {
            String runtime = text(template.functionProperty(f, "Runtime"));
            if (!RUNTIMES.contains(runtime)) {
                out.add(f.where() + " runtime " + (runtime.isEmpty() ? "(none)" : runtime) + " is not one of " + new TreeSet<>(RUNTIMES));
            }
            List<Object> architectures = list(template.functionProperty(f, "Architectures"));
            if (!architectures.equals(List.of("arm64"))) {
                out.add(f.where() + " architectures " + architectures + " are not [arm64]");
            }
            if (!"PublishedVersions".equals(text(get(template.functionProperty(f, "SnapStart"), "ApplyOn")))) {
                out.add(f.where() + " has no SnapStart (ApplyOn: PublishedVersions)");
            }
            if (text(template.functionProperty(f, "AutoPublishAlias")).isBlank()) {
                out.add(f.where() + " has no AutoPublishAlias (SnapStart applies only to published versions)");
            }
            String handler = text(template.functionProperty(f, "Handler"));
            if (!HANDLER.matcher(handler).matches()) {
                out.add(f.where() + " handler '" + handler + "' is not com.productflow.functions.<area>.<Name>Handler::handleRequest");
            }
        }
        return out;
    }

    /** The functions and their handlers are exactly {@code expected} (logical id -> handler). */
    public List<String> handlersMatch(Map<String, String> expected) {
        List<String> out = new ArrayList<>();
        Map<String, String> actual = new TreeMap<>();
        for (Resource f : template.resources("AWS::Serverless::Function")) {
            actual.put(f.id(), text(template.functionProperty(f, "Handler")));
        }
        for (Map.Entry<String, String> e : new TreeMap<>(expected).entrySet()) {
            if (!actual.containsKey(e.getKey())) {
                out.add("function " + e.getKey() + " is listed in HANDLERS but not in the template");
            } else if (!actual.get(e.getKey()).equals(e.getValue())) {
                out.add("function " + e.getKey() + " has handler " + actual.get(e.getKey()) + ", HANDLERS says " + e.getValue());
            }
        }
        for (String id : actual.keySet()) {
            if (!expected.containsKey(id)) {
                out.add("function " + id + " is not listed in HANDLERS");
            }
        }
        return out;
    }

    /** ExtractFunction: bounded concurrency (it protects the brokers and the database) and a VPC. */
    public List<String> extractFunctionGuarded() {
        List<String> out = new ArrayList<>();
        Optional<Resource> extract = template.resource("ExtractFunction");
        if (extract.isEmpty()) {
            return List.of("no ExtractFunction found");
        }
        Object reserved = extract.get().properties().get("ReservedConcurrentExecutions");
        if (!(reserved instanceof Integer n) || n < 1) {
            out.add(extract.get().where() + " has no positive ReservedConcurrentExecutions (was " + text(reserved) + ")");
        }
        Object vpc = template.functionProperty(extract.get(), "VpcConfig");
        for (String key : List.of("SubnetIds", "SecurityGroupIds")) {
            if (list(get(vpc, key)).isEmpty()) {
                out.add(extract.get().where() + " has no VpcConfig." + key);
            }
        }
        return out;
    }

    /**
     * IngestFunction (invoked asynchronously) keeps what it cannot process: an on-failure destination
     * or dead-letter queue that is a queue or topic of this template; and a queue used as the
     * dead-letter queue of its EventBridge rule admits EventBridge in a queue policy (SAM writes that
     * policy only for queues it creates itself).
     */
    public List<String> ingestDeadLetters() {
        List<String> out = new ArrayList<>();
        Optional<Resource> ingest = template.resource("IngestFunction");
        if (ingest.isEmpty()) {
            return List.of("no IngestFunction found");
        }
        Resource f = ingest.get();
        Object onFailure = get(template.functionProperty(f, "EventInvokeConfig"), "DestinationConfig", "OnFailure", "Destination");
        Object dlq = get(template.functionProperty(f, "DeadLetterQueue"), "TargetArn");
        Object target = onFailure != null ? onFailure : dlq;
        Optional<Resource> queue = referencedResource(target);
        if (queue.isEmpty() || !Set.of("AWS::SQS::Queue", "AWS::SNS::Topic").contains(queue.get().type())) {
            out.add(f.where() + " has no on-failure destination or dead-letter queue that is a queue or topic of the template"
                    + (target == null ? "" : " (found " + text(target) + ")"));
        }
        for (Map.Entry<String, Object> event : map(f.properties().get("Events")).entrySet()) {
            if (!"EventBridgeRule".equals(text(get(event.getValue(), "Type")))) {
                continue;
            }
            Object arn = get(event.getValue(), "Properties", "DeadLetterConfig", "Arn");
            Optional<Resource> eventQueue = referencedResource(arn);
            if (arn != null && eventQueue.isPresent() && !queueAdmitsEventBridge(eventQueue.get().id())) {
                out.add(f.where() + " event " + event.getKey() + " sends dead letters to " + eventQueue.get().id()
                        + ", but no AWS::SQS::QueuePolicy allows events.amazonaws.com sqs:SendMessage on it");
            }
        }
        return out;
    }

    private Optional<Resource> referencedResource(Object value) {
        Set<String> refs = new LinkedHashSet<>();
        collectReferences(value, refs);
        return refs.stream().map(r -> r.contains(".") ? r.substring(0, r.indexOf('.')) : r)
                .map(template::resource).flatMap(Optional::stream).findFirst();
    }

    private boolean queueAdmitsEventBridge(String queueId) {
        for (Resource policy : template.resources("AWS::SQS::QueuePolicy")) {
            Set<String> queues = new LinkedHashSet<>();
            collectReferences(policy.properties().get("Queues"), queues);
            if (!queues.contains(queueId)) {
                continue;
            }
            for (Object s : TemplatePolicies.expand(get(policy.properties(), "PolicyDocument", "Statement"))) {
                boolean allow = "Allow".equals(text(get(s, "Effect")));
                boolean events = TemplatePolicies.expand(get(s, "Principal", "Service")).contains("events.amazonaws.com");
                boolean send = TemplatePolicies.expand(get(s, "Action")).contains("sqs:SendMessage");
                if (allow && events && send) {
                    return true;
                }
            }
        }
        return false;
    }
}
