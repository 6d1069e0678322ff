package com.productflow.checks;

import java.util.List;

/**
 * One IAM policy statement found in the configuration, from an {@code aws_iam_policy_document}
 * data source or from a JSON policy string (what {@code jsonencode} produces).
 *
 * @param where      file and block it came from
 * @param effect     Allow or Deny
 * @param actions    Action entries as written (references stay reference text)
 * @param notActions NotAction entries
 * @param resources  Resource entries
 * @param conditions conditions as "Test variable=value1|value2"
 */
public record IamStatement(String where, String effect, List<String> actions, List<String> notActions,
                           List<String> resources, List<String> conditions) {

    public boolean allows() {
        return "Allow".equalsIgnoreCase(effect);
    }

    /** True for "*" and whole-service wildcards such as "s3:*" (not for verb prefixes like "kms:Describe*"). */
    public static boolean isWildcardAction(String action) {
        String a = action.trim();
        return a.equals("*") || a.matches("[A-Za-z0-9-]+:\\*");
    }
}
