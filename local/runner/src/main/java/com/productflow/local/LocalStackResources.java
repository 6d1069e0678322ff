package com.productflow.local;

import com.productflow.common.BadInputException;
import com.productflow.stack.sfn.LocalLambdaServer;
import com.productflow.template.TemplateStack;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the template's {@code Ref}s and {@code Fn::GetAtt}s mean locally: the stack's own buckets and table
 * under their local names, its state machines and functions under the ARNs the local servers give them, and
 * the pseudo parameters of the local account. Also the {@code {{local:NAME}}} placeholders an env-vars file
 * may use for what only exists once the local servers run (e.g. {@code {{local:kafka}}}, the broker).
 */
final class LocalStackResources {
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{local:([a-z]+)}}");

    private LocalStackResources() {}

    static TemplateStack.Resources of(LocalOptions options, List<String> functions, Map<String, String> stateMachineArns) {
        Map<String, String> refs = new LinkedHashMap<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        refs.put("AWS::Region", REGION);
        refs.put("AWS::AccountId", ACCOUNT);
        refs.put("AWS::Partition", "aws");
        refs.put("AWS::URLSuffix", "amazonaws.com");
        refs.put("AWS::StackName", "productflow-local");
        refs.put("InputBucket", options.inputBucket());
        refs.put("OutputBucket", options.outputBucket());
        refs.put("StateTable", options.stateTable());
        attributes.put("InputBucket.Arn", "arn:aws:s3:::" + options.inputBucket());
        attributes.put("OutputBucket.Arn", "arn:aws:s3:::" + options.outputBucket());
        for (String function : functions) {
            refs.put(function, function);
            refs.put(function + ".Alias", LocalLambdaServer.functionArn(function));
            attributes.put(function + ".Arn", LocalLambdaServer.functionArn(function));
        }
        stateMachineArns.forEach((id, arn) -> {
            refs.put(id, arn);
            attributes.put(id + ".Arn", arn);
        });
        return new TemplateStack.Resources(refs, attributes);
    }

    /** {@code value} with every {@code {{local:NAME}}} replaced by that local endpoint. */
    static String placeholders(String value, Map<String, String> endpoints, String where) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String endpoint = endpoints.get(m.group(1));
            if (endpoint == null) {
                throw new BadInputException(where + ": {{local:" + m.group(1) + "}} is not a local endpoint (one of "
                        + String.join(", ", endpoints.keySet()) + ")");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(endpoint));
        }
        return m.appendTail(out).toString();
    }

    static boolean needs(String value, String endpoint) {
        return value.contains("{{local:" + endpoint + "}}");
    }
}
