package com.productflow.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collects every IAM statement written in a terraform configuration. */
public final class IamPolicies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IamPolicies() {
    }

    public static List<IamStatement> statements(TerraformConfig tf) {
        List<IamStatement> out = new ArrayList<>();
        for (TerraformConfig.Block doc : tf.data("aws_iam_policy_document")) {
            out.addAll(fromPolicyDocument(doc));
        }
        for (TerraformConfig.Block block : tf.allResourcesAndData()) {
            collectJson(block.where(), block.body(), out);
        }
        return out;
    }

    /** Statements of one {@code data "aws_iam_policy_document"} block. */
    public static List<IamStatement> fromPolicyDocument(TerraformConfig.Block doc) {
        List<IamStatement> out = new ArrayList<>();
        for (Map<String, Object> st : Hcl.blocks(doc.body(), "statement")) {
            String effect = Hcl.text(st, "effect");
            List<String> conditions = new ArrayList<>();
            for (Map<String, Object> c : Hcl.blocks(st, "condition")) {
                conditions.add(Hcl.text(c, "test") + " " + Hcl.text(c, "variable") + "="
                        + String.join("|", Hcl.texts(c, "values")));
            }
            out.add(new IamStatement(doc.where() + " statement " + Hcl.text(st, "sid"),
                    effect.isEmpty() ? "Allow" : effect, // the data source's default
                    Hcl.texts(st, "actions"), Hcl.texts(st, "not_actions"), Hcl.texts(st, "resources"),
                    conditions));
        }
        return out;
    }

    /** Statements of a JSON policy text, or none when the text is not a policy. */
    public static List<IamStatement> fromJson(String where, String text) {
        List<IamStatement> out = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (Exception notJson) {
            return out;
        }
        JsonNode statements = root == null ? null : root.get("Statement");
        if (statements == null) {
            return out;
        }
        for (JsonNode st : statements.isArray() ? statements : JSON.createArrayNode().add(statements)) {
            List<String> conditions = new ArrayList<>();
            JsonNode cond = st.get("Condition");
            if (cond != null) {
                for (Map.Entry<String, JsonNode> test : cond.properties()) {
                    for (Map.Entry<String, JsonNode> var : test.getValue().properties()) {
                        conditions.add(test.getKey() + " " + var.getKey() + "=" + String.join("|", list(var.getValue())));
                    }
                }
            }
            String sid = st.hasNonNull("Sid") ? st.get("Sid").asText() : "";
            out.add(new IamStatement(where + " statement " + sid,
                    st.hasNonNull("Effect") ? st.get("Effect").asText() : "",
                    list(st.get("Action")), list(st.get("NotAction")), list(st.get("Resource")), conditions));
        }
        return out;
    }

    private static void collectJson(String where, Object value, List<IamStatement> out) {
        if (value instanceof String s) {
            if (s.contains("\"Statement\"")) {
                out.addAll(fromJson(where, s));
            }
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collectJson(where, v, out));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collectJson(where, v, out));
        }
    }

    private static List<String> list(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }
}
