package com.productflow.checks;

import com.productflow.template.SamTemplate;
import com.productflow.template.SamTemplate.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.productflow.template.SamTemplate.get;
import static com.productflow.template.SamTemplate.intrinsic;
import static com.productflow.template.SamTemplate.isNoValue;
import static com.productflow.template.SamTemplate.list;
import static com.productflow.template.SamTemplate.map;
import static com.productflow.template.SamTemplate.text;

/**
 * Every IAM statement a SAM template writes: the {@code Policies} of functions and state machines
 * (inline statements, SAM policy templates, managed policies), inline role policies, and resource
 * policies ({@code PolicyDocument} of bucket, queue and topic policies). Both branches of an
 * {@code !If} are read, since either may be deployed.
 */
public final class TemplatePolicies {

    /**
     * SAM policy templates read and found to scope themselves to the resource they are given
     * (LambdaInvokePolicy: lambda:InvokeFunction on {@code function:<FunctionName>*}). Any other
     * template must be reviewed and added here before the check accepts it.
     */
    public static final Set<String> REVIEWED_POLICY_TEMPLATES = Set.of("LambdaInvokePolicy");

    private TemplatePolicies() {
    }

    /** What was found: the statements, and the policies that cannot be checked from the template. */
    public record Found(List<IamStatement> statements, List<String> unreviewable) {
    }

    public static Found collect(SamTemplate template) {
        List<IamStatement> statements = new ArrayList<>();
        List<String> unreviewable = new ArrayList<>();
        for (Resource r : template.resources()) {
            if (r.type().equals("AWS::Serverless::Function") || r.type().equals("AWS::Serverless::StateMachine")) {
                for (Object policy : expand(r.properties().get("Policies"))) {
                    samPolicy(r.where(), policy, statements, unreviewable);
                }
            }
            if (r.type().equals("AWS::IAM::Role")) {
                for (Object p : expand(r.properties().get("Policies"))) {
                    statements.addAll(document(r.where() + " policy " + text(map(p).get("PolicyName")),
                            map(p).get("PolicyDocument")));
                }
                for (Object arn : expand(r.properties().get("ManagedPolicyArns"))) {
                    unreviewable.add(r.where() + " attaches managed policy " + text(arn));
                }
            }
            for (String key : List.of("PolicyDocument", "KeyPolicy")) {
                if (r.properties().containsKey(key)) {
                    statements.addAll(document(r.where(), r.properties().get(key)));
                }
            }
        }
        return new Found(statements, unreviewable);
    }

    /** One entry of a SAM {@code Policies} list. */
    private static void samPolicy(String where, Object policy, List<IamStatement> statements, List<String> unreviewable) {
        if (policy instanceof String name) {
            unreviewable.add(where + " attaches managed policy " + name + " (write named statements instead)");
            return;
        }
        Map<String, Object> m = map(policy);
        if (m.containsKey("Statement")) {
            statements.addAll(document(where, m));
        } else if (m.size() == 1 && intrinsic(m).isEmpty()) {
            String name = m.keySet().iterator().next();
            if (!REVIEWED_POLICY_TEMPLATES.contains(name)) {
                unreviewable.add(where + " uses policy template " + name + ", which is not in the reviewed list");
            }
            for (Map.Entry<String, Object> arg : map(m.get(name)).entrySet()) {
                if ("*".equals(text(arg.getValue()))) {
                    unreviewable.add(where + " policy template " + name + " gets " + arg.getKey() + ": \"*\"");
                }
            }
        } else {
            unreviewable.add(where + " has a policy entry that is neither statements nor a policy template: " + text(policy));
        }
    }

    /** The statements of one policy document. */
    static List<IamStatement> document(String where, Object doc) {
        List<IamStatement> out = new ArrayList<>();
        for (Object d : expand(doc)) {
            for (Object s : expand(map(d).get("Statement"))) {
                Map<String, Object> st = map(s);
                List<String> conditions = new ArrayList<>();
                for (Map.Entry<String, Object> test : map(st.get("Condition")).entrySet()) {
                    for (Map.Entry<String, Object> variable : map(test.getValue()).entrySet()) {
                        conditions.add(test.getKey() + " " + variable.getKey() + "="
                                + String.join("|", texts(variable.getValue())));
                    }
                }
                List<String> resources = st.containsKey("NotResource")
                        ? List.of("NotResource " + text(st.get("NotResource"))) : texts(st.get("Resource"));
                out.add(new IamStatement(where + " statement " + text(st.get("Sid")), text(st.get("Effect")),
                        texts(st.get("Action")), texts(st.get("NotAction")), resources, conditions));
            }
        }
        return out;
    }

    /** Every concrete value {@code value} may stand for: lists flattened, both !If branches, no AWS::NoValue. */
    static List<Object> expand(Object value) {
        List<Object> out = new ArrayList<>();
        if (value == null || isNoValue(value)) {
            return out;
        }
        if (value instanceof List<?> l) {
            l.forEach(v -> out.addAll(expand(v)));
        } else if ("Fn::If".equals(intrinsic(value))) {
            List<Object> args = list(get(value, "Fn::If"));
            for (int i = 1; i < args.size(); i++) {
                out.addAll(expand(args.get(i)));
            }
        } else {
            out.add(value);
        }
        return out;
    }

    private static List<String> texts(Object value) {
        return expand(value).stream().map(SamTemplate::text).toList();
    }
}
