package com.productflow.stack.sfn;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudFormation/SAM {@code DefinitionSubstitutions} for a definition file: every {@code ${Name}} is
 * replaced by its value. As in CloudFormation, a placeholder without a value is an error (naming it),
 * not left behind. Values are JSON-escaped because every placeholder sits inside a JSON string.
 */
public final class DefinitionSubstitutions {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private DefinitionSubstitutions() {
    }

    public static String apply(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length());
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("Definition substitution ${" + m.group(1) + "} has no value (given: "
                        + values.keySet() + ")");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(new String(JsonStringEncoder.getInstance().quoteAsString(value))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
