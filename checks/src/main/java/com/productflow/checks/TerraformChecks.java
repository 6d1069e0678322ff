package com.productflow.checks;

import com.productflow.checks.TerraformConfig.Block;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's own rules for the terraform configuration (least privilege, encryption, the state
 * table the code defines, the SAM parameters, no hard-coded accounts or secrets), checked from the
 * parsed files. Syntax, references, module wiring and the provider's schema are terraform's own
 * business: terraform/check.sh runs {@code terraform validate} and {@code terraform test}. Each check
 * returns its findings as readable lines; an empty list means the rule holds. A check that finds
 * nothing to look at reports that too, so a parser that silently returned nothing cannot make a
 * rule pass.
 */
public final class TerraformChecks {

    /** Buckets (resource names) that must be versioned: the file-state key uses the input's versionId. */
    public static final Set<String> VERSIONED_BUCKETS = Set.of("input");
    /** Buckets whose events must go to EventBridge: the ingest function's rule listens there. */
    public static final Set<String> EVENTBRIDGE_BUCKETS = Set.of("input");
    /** Services the extract function reaches through gateway endpoints. */
    public static final Set<String> GATEWAY_ENDPOINTS = Set.of("s3", "dynamodb");
    /** Services the extract function reaches through interface endpoints. */
    public static final Set<String> INTERFACE_ENDPOINTS = Set.of("secretsmanager", "ssm", "states");
    /** Kafka over SASL/IAM with TLS. */
    public static final String KAFKA_IAM_PORT = "9098";

    private static final Set<String> SSE_ALGORITHMS = Set.of("AES256", "aws:kms", "aws:kms:dsse");
    private static final Pattern ACCOUNT_ID = Pattern.compile("(?<![0-9])[0-9]{12}(?![0-9])");
    private static final Pattern REGION = Pattern.compile(
            "(?<![a-z0-9])(?:us|eu|ap|sa|ca|me|af|il|mx|cn)-(?:gov-|iso-|isob-)?"
                    + "(?:north|south|east|west|central|northeast|southeast|northwest|southwest)-[0-9](?![0-9])");
    private static final Pattern LITERAL_ARN = Pattern.compile("arn:aws(?:-cn|-us-gov|-iso[a-z-]*)?:");
    private static final Pattern EXACT_VERSION = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+");
    private static final Set<String> SECRET_ATTRIBUTES = Set.of(
            "password", "master_password", "secret_string", "secret_binary", "access_key", "secret_key");

    private final TerraformConfig tf;

    public TerraformChecks(TerraformConfig tf) {
        this.tf = tf;
    }

    // --- variables ----------------------------------------------------------------------------

    /**
     * Every variable has a description and a type; every string or number variable of the root
     * module (what a user sets) has a validation block (terraform itself checks that the block is
     * complete and its condition valid).
     */
    public List<String> variablesDocumented() {
        List<String> out = new ArrayList<>();
        List<Block> variables = tf.blocks("variable");
        if (variables.isEmpty()) {
            out.add("no variable blocks found");
        }
        for (Block v : variables) {
            if (Hcl.text(v.body(), "description").isBlank()) {
                out.add(v.where() + " has no description");
            }
            Object type = v.body().get("type");
            if (type == null) {
                out.add(v.where() + " has no type");
                continue;
            }
            String typeText = Hcl.text(type).toLowerCase();
            boolean scalar = typeText.endsWith(":string") || typeText.endsWith(":number");
            if (scalar && v.module().toString().isEmpty() && Hcl.blocks(v.body(), "validation").isEmpty()) {
                out.add(v.where() + " (" + typeText.substring(typeText.indexOf(':') + 1) + ") has no validation block");
            }
        }
        return out;
    }

    // --- outputs ------------------------------------------------------------------------------

    /** The root outputs are exactly the SAM parameters (none missing, none extra), each described. */
    public List<String> outputsMatch(List<String> samParameters) {
        List<String> out = new ArrayList<>();
        Set<String> outputs = new TreeSet<>();
        for (Block o : tf.blocks("output")) {
            if (!o.module().toString().isEmpty()) {
                continue;
            }
            outputs.add(o.name());
            if (Hcl.text(o.body(), "description").isBlank()) {
                out.add(o.where() + " has no description");
            }
        }
        for (String p : samParameters) {
            if (!outputs.contains(p)) {
                out.add("SAM parameter " + p + " has no terraform output of the same name");
            }
        }
        for (String o : outputs) {
            if (!samParameters.contains(o)) {
                out.add("output " + o + " is not a SAM parameter (sam deploy --parameter-overrides would reject it)");
            }
        }
        return out;
    }

    // --- the state table ----------------------------------------------------------------------

    /** The one {@code aws_dynamodb_table}, reduced to the fields code and infrastructure share. */
    public StateTableSpec stateTable() {
        List<Block> tables = tf.resources("aws_dynamodb_table");
        if (tables.size() != 1) {
            throw new IllegalStateException("expected exactly one aws_dynamodb_table, found " + tables.size());
        }
        Map<String, Object> t = tables.get(0).body();
        Map<String, String> attributes = new java.util.TreeMap<>();
        for (Map<String, Object> a : Hcl.blocks(t, "attribute")) {
            attributes.put(Hcl.text(a, "name"), Hcl.text(a, "type"));
        }
        List<StateTableSpec.Index> indexes = new ArrayList<>();
        for (Map<String, Object> g : Hcl.blocks(t, "global_secondary_index")) {
            indexes.add(new StateTableSpec.Index(Hcl.text(g, "name"), Hcl.text(g, "hash_key"),
                    Hcl.text(g, "range_key"), Hcl.text(g, "projection_type")));
        }
        Optional<Map<String, Object>> ttl = Hcl.block(t, "ttl");
        boolean ttlOn = ttl.map(b -> Hcl.text(b, "enabled")).orElse("").equals("true");
        String billing = Hcl.text(t, "billing_mode");
        return new StateTableSpec(
                billing.isEmpty() ? "PROVISIONED" : billing, // the provider's default
                Hcl.text(t, "hash_key"),
                Hcl.text(t, "range_key"),
                new java.util.TreeMap<>(attributes),
                StateTableSpec.indexes(indexes.toArray(StateTableSpec.Index[]::new)),
                ttlOn ? ttl.map(b -> Hcl.text(b, "attribute_name")).orElse("") : "",
                Hcl.path(t, "point_in_time_recovery", "enabled").map(Hcl::text).orElse("").equals("true"),
                Hcl.path(t, "server_side_encryption", "enabled").map(Hcl::text).orElse("").equals("true"));
    }

    /** Differences between the terraform table and {@code expected}. */
    public List<String> stateTableMatches(StateTableSpec expected) {
        try {
            return expected.differencesFrom(stateTable());
        } catch (IllegalStateException e) {
            return List.of(e.getMessage());
        }
    }

    // --- IAM ----------------------------------------------------------------------------------

    /** No Allow statement grants "*" or "service:*", or uses NotAction (which allows everything else). */
    public List<String> noWildcardActions() {
        List<String> out = new ArrayList<>();
        List<IamStatement> statements = IamPolicies.statements(tf);
        if (statements.isEmpty()) {
            out.add("no IAM policy statements found (expected at least the bucket policies)");
        }
        for (IamStatement st : statements) {
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
        }
        return out;
    }

    // --- buckets ------------------------------------------------------------------------------

    /**
     * Every bucket has default encryption, a full public access block, a TLS-only bucket policy and
     * a lifecycle rule expiring noncurrent versions and aborting incomplete multipart uploads; the
     * buckets named in {@code versioned} are versioned and those in {@code eventBridge} send their
     * events to EventBridge.
     */
    public List<String> bucketsHardened(Set<String> versioned, Set<String> eventBridge) {
        List<String> out = new ArrayList<>();
        List<Block> buckets = tf.resources("aws_s3_bucket");
        if (buckets.isEmpty()) {
            out.add("no aws_s3_bucket resources found");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Block b : buckets) {
            seen.add(b.name());
            String where = b.where();

            if (companions(b, "aws_s3_bucket_server_side_encryption_configuration").stream().noneMatch(c ->
                    Hcl.blocks(c.body(), "rule").stream().anyMatch(r -> SSE_ALGORITHMS.contains(
                            Hcl.path(r, "apply_server_side_encryption_by_default", "sse_algorithm").map(Hcl::text).orElse(""))))) {
                out.add(where + " has no default encryption (aws_s3_bucket_server_side_encryption_configuration with AES256 or aws:kms)");
            }

            if (companions(b, "aws_s3_bucket_public_access_block").stream().noneMatch(c ->
                    List.of("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")
                            .stream().allMatch(k -> Hcl.text(c.body(), k).equals("true")))) {
                out.add(where + " has no public access block with all four settings true");
            }

            if (companions(b, "aws_s3_bucket_policy").stream().noneMatch(c -> deniesInsecureTransport(c, b))) {
                out.add(where + " has no bucket policy denying requests without TLS (Deny, Bool aws:SecureTransport=false)");
            }

            if (companions(b, "aws_s3_bucket_lifecycle_configuration").stream().noneMatch(c ->
                    Hcl.blocks(c.body(), "rule").stream().anyMatch(TerraformChecks::expiresVersionsAndAbortsUploads))) {
                out.add(where + " has no enabled lifecycle rule with noncurrent_version_expiration and abort_incomplete_multipart_upload");
            }

            if (versioned.contains(b.name()) && companions(b, "aws_s3_bucket_versioning").stream().noneMatch(c ->
                    Hcl.path(c.body(), "versioning_configuration", "status").map(Hcl::text).orElse("").equals("Enabled"))) {
                out.add(where + " must be versioned (aws_s3_bucket_versioning with status = \"Enabled\")");
            }

            if (eventBridge.contains(b.name()) && companions(b, "aws_s3_bucket_notification").stream().noneMatch(c ->
                    Hcl.text(c.body(), "eventbridge").equals("true"))) {
                out.add(where + " must send its events to EventBridge (aws_s3_bucket_notification eventbridge = true)");
            }
        }
        for (String name : union(versioned, eventBridge)) {
            if (!seen.contains(name)) {
                out.add("bucket aws_s3_bucket." + name + " not found");
            }
        }
        return out;
    }

    private static boolean expiresVersionsAndAbortsUploads(Map<String, Object> rule) {
        return Hcl.text(rule, "status").equals("Enabled")
                && Hcl.block(rule, "noncurrent_version_expiration").map(e -> e.containsKey("noncurrent_days")).orElse(false)
                && Hcl.block(rule, "abort_incomplete_multipart_upload").map(a -> a.containsKey("days_after_initiation")).orElse(false);
    }

    private boolean deniesInsecureTransport(Block policy, Block bucket) {
        String ref = Hcl.text(policy.body(), "policy");
        List<IamStatement> statements = new ArrayList<>();
        Matcher m = Pattern.compile("data\\.aws_iam_policy_document\\.([A-Za-z0-9_-]+)\\.json").matcher(ref);
        if (m.matches()) {
            tf.data("aws_iam_policy_document").stream()
                    .filter(d -> d.module().equals(policy.module()) && d.name().equals(m.group(1)))
                    .forEach(d -> statements.addAll(IamPolicies.fromPolicyDocument(d)));
        } else {
            statements.addAll(IamPolicies.fromJson(policy.where(), ref));
        }
        String arn = "aws_s3_bucket." + bucket.name() + ".arn";
        return statements.stream().anyMatch(st -> "Deny".equalsIgnoreCase(st.effect())
                && st.conditions().contains("Bool aws:SecureTransport=false")
                && st.resources().stream().anyMatch(r -> r.startsWith(arn)));
    }

    /** Resources of {@code type} in the bucket's module whose {@code bucket} refers to it. */
    private List<Block> companions(Block bucket, String type) {
        String id = "aws_s3_bucket." + bucket.name() + ".id";
        String name = "aws_s3_bucket." + bucket.name() + ".bucket";
        return tf.resources(type).stream()
                .filter(r -> r.module().equals(bucket.module()))
                .filter(r -> Set.of(id, name).contains(Hcl.text(r.body(), "bucket")))
                .toList();
    }

    // --- hard-coded identifiers ---------------------------------------------------------------

    /**
     * No account id (12 digits), region or availability-zone name, or ARN with a literal partition
     * anywhere outside comments: accounts and regions come from data sources and variables.
     */
    public List<String> noHardCodedIdentifiers() {
        List<String> out = new ArrayList<>();
        for (TerraformConfig.TfFile file : tf.files()) {
            List<String> lines = HclText.withoutComments(file.text());
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                report(out, file.path(), i + 1, ACCOUNT_ID.matcher(line), "account id");
                report(out, file.path(), i + 1, REGION.matcher(line), "region");
                report(out, file.path(), i + 1, LITERAL_ARN.matcher(line), "ARN with a literal partition (use data.aws_partition)");
            }
        }
        return out;
    }

    private static void report(List<String> out, Path file, int line, Matcher m, String what) {
        while (m.find()) {
            out.add(file + ":" + line + ": hard-coded " + what + " '" + m.group() + "'");
        }
    }

    // --- providers ----------------------------------------------------------------------------

    /**
     * A required Terraform version, and every required provider with a source and a version
     * constraint bounded above (an exact version, {@code ~>}, or a {@code <} bound): a new major
     * version of a provider changes behaviour and must be let in by an edit, not by {@code init}.
     */
    public List<String> providersPinned() {
        List<String> out = new ArrayList<>();
        int providers = 0;
        boolean requiredVersion = false;
        for (Block t : tf.unlabelled("terraform")) {
            requiredVersion |= !Hcl.text(t.body(), "required_version").isBlank();
            for (Map<String, Object> rp : Hcl.blocks(t.body(), "required_providers")) {
                for (Map.Entry<String, Object> p : rp.entrySet()) {
                    providers++;
                    Map<String, Object> spec = Hcl.asMap(p.getValue());
                    if (Hcl.text(spec, "source").isBlank()) {
                        out.add(t.file() + ": provider " + p.getKey() + " has no source");
                    }
                    String version = Hcl.text(spec, "version");
                    if (!boundedAbove(version)) {
                        out.add(t.file() + ": provider " + p.getKey() + " has no upper version bound (\"" + version
                                + "\"; use e.g. \">= 5.100.0, < 7.0.0\" or an exact version)");
                    }
                }
            }
        }
        if (!requiredVersion) {
            out.add("no terraform { required_version } found");
        }
        if (providers == 0) {
            out.add("no terraform { required_providers } entries found");
        }
        return out;
    }

    /** True when one of the comma-separated constraints is exact, {@code ~>} or {@code <}/{@code <=}. */
    static boolean boundedAbove(String constraint) {
        for (String part : constraint.split(",")) {
            String c = part.strip();
            if (c.startsWith("<") || c.startsWith("~>") || EXACT_VERSION.matcher(c.replaceFirst("^=\\s*", "")).matches()) {
                return true;
            }
        }
        return false;
    }

    // --- network and Kafka --------------------------------------------------------------------

    /**
     * Ingress only from security groups (never from CIDR ranges); the brokers admit exactly the
     * extract function's group on 9098; the gateway and interface endpoints the functions need are
     * created; a created MSK Serverless cluster uses IAM authentication.
     */
    public List<String> networkAndKafka() {
        List<String> out = new ArrayList<>();
        List<Block> ingress = tf.resources("aws_vpc_security_group_ingress_rule");
        for (Block rule : ingress) {
            if (Hcl.text(rule.body(), "referenced_security_group_id").isBlank()
                    || !Hcl.text(rule.body(), "cidr_ipv4").isEmpty() || !Hcl.text(rule.body(), "cidr_ipv6").isEmpty()
                    || !Hcl.text(rule.body(), "prefix_list_id").isEmpty()) {
                out.add(rule.where() + " must admit only a referenced security group");
            }
        }
        for (Block sg : tf.resources("aws_security_group")) {
            if (!Hcl.blocks(sg.body(), "ingress").isEmpty()) {
                out.add(sg.where() + " has inline ingress rules (use aws_vpc_security_group_ingress_rule from a security group)");
            }
        }
        for (Block rule : tf.resources("aws_security_group_rule")) {
            if (Hcl.text(rule.body(), "type").equals("ingress")) {
                out.add(rule.where() + " is an ingress rule (use aws_vpc_security_group_ingress_rule from a security group)");
            }
        }

        List<Block> brokerIngress = ingress.stream()
                .filter(r -> Hcl.text(r.body(), "security_group_id").equals("aws_security_group.brokers.id")).toList();
        if (brokerIngress.isEmpty()) {
            out.add("no ingress rule for aws_security_group.brokers found");
        }
        for (Block rule : brokerIngress) {
            Map<String, Object> r = rule.body();
            if (!Hcl.text(r, "referenced_security_group_id").equals("aws_security_group.extract.id")
                    || !Hcl.text(r, "from_port").equals(KAFKA_IAM_PORT) || !Hcl.text(r, "to_port").equals(KAFKA_IAM_PORT)
                    || !Hcl.text(r, "ip_protocol").equals("tcp")) {
                out.add(rule.where() + " must admit only aws_security_group.extract on tcp " + KAFKA_IAM_PORT);
            }
        }

        checkEndpoints(out, "gateway_endpoint_services", "Gateway", GATEWAY_ENDPOINTS);
        checkEndpoints(out, "interface_endpoint_services", "Interface", INTERFACE_ENDPOINTS);
        for (Block e : tf.resources("aws_vpc_endpoint")) {
            if (Hcl.text(e.body(), "vpc_endpoint_type").equals("Interface")
                    && !Hcl.text(e.body(), "private_dns_enabled").equals("true")) {
                out.add(e.where() + " needs private_dns_enabled = true so SDK clients use it unchanged");
            }
        }

        List<Block> clusters = tf.resources("aws_msk_serverless_cluster");
        if (clusters.isEmpty()) {
            out.add("no aws_msk_serverless_cluster found");
        }
        for (Block c : clusters) {
            if (!Hcl.path(c.body(), "client_authentication", "sasl", "iam", "enabled").map(Hcl::text).orElse("").equals("true")) {
                out.add(c.where() + " must enable SASL/IAM client authentication");
            }
        }
        return out;
    }

    private void checkEndpoints(List<String> out, String variable, String endpointType, Set<String> required) {
        List<Block> vars = tf.blocks("variable").stream().filter(v -> v.name().equals(variable)).toList();
        if (vars.isEmpty()) {
            out.add("variable " + variable + " not found");
        }
        for (Block v : vars) {
            Set<String> defaults = new TreeSet<>(Hcl.texts(v.body(), "default"));
            if (!defaults.containsAll(required)) {
                Set<String> missing = new TreeSet<>(required);
                missing.removeAll(defaults);
                out.add(v.where() + " default lacks " + missing);
            }
        }
        Predicate<Block> ofType = e -> Hcl.text(e.body(), "vpc_endpoint_type").equals(endpointType);
        if (tf.resources("aws_vpc_endpoint").stream().noneMatch(ofType)) {
            out.add("no aws_vpc_endpoint of type " + endpointType + " found");
        }
    }

    // --- secrets ------------------------------------------------------------------------------

    /**
     * The database secret exists but its value is never in code: no secret versions, no password
     * attributes, and Parameter Store holds only plain (non-secret) String parameters.
     */
    public List<String> noSecretValues() {
        List<String> out = new ArrayList<>();
        if (tf.resources("aws_secretsmanager_secret").isEmpty()) {
            out.add("no aws_secretsmanager_secret found (the database credentials need one)");
        }
        for (Block v : tf.resources("aws_secretsmanager_secret_version")) {
            out.add(v.where() + " puts a secret value in code; an operator puts it (see terraform/README.md)");
        }
        for (Block p : tf.resources("aws_ssm_parameter")) {
            if (!Hcl.text(p.body(), "type").equals("String")) {
                out.add(p.where() + " is " + Hcl.text(p.body(), "type") + "; secrets belong in Secrets Manager, settings are String");
            }
        }
        for (Block b : tf.allResourcesAndData()) {
            for (String key : b.body().keySet()) {
                if (SECRET_ATTRIBUTES.contains(key)) {
                    out.add(b.where() + " sets " + key);
                }
            }
        }
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }
}
