package com.productflow.template;

import com.productflow.common.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation's intrinsic functions in a template value, as the stack would on deploy:
 * {@code Ref} (parameters, pseudo parameters, resources), {@code Fn::If} and the condition functions,
 * {@code Fn::Sub} (both forms, {@code ${!Literal}} escapes), {@code Fn::GetAtt}, {@code Fn::Join},
 * {@code Fn::Select} and {@code Fn::Split}. {@code AWS::NoValue} removes the value it stands for
 * (returned as {@link #NO_VALUE}). What the stack does not know (a parameter with no value, a resource
 * with no local counterpart, an unsupported function) is a {@link BadInputException} naming the template
 * location and the reason; a value that never needs it never fails.
 */
public final class Intrinsics {
    /** The result of {@code !Ref AWS::NoValue}: the enclosing key or list item disappears. */
    public static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]*)}");

    private final Function<String, Object> parameters;
    private final Map<String, String> refs;
    private final Map<String, String> attributes;
    private final Map<String, Object> conditions;
    private final Map<String, Boolean> evaluated = new LinkedHashMap<>();

    /**
     * @param parameters a parameter's value (String, or List for CommaDelimitedList) by name; throws when it has none
     * @param refs       what {@code Ref} gives for pseudo parameters ({@code AWS::Region}) and resources
     * @param attributes what {@code Fn::GetAtt} gives, keyed {@code LogicalId.Attribute}
     * @param conditions the template's {@code Conditions} section
     */
    public Intrinsics(Function<String, Object> parameters, Map<String, String> refs, Map<String, String> attributes,
                      Map<String, Object> conditions) {
        this.parameters = parameters;
        this.refs = refs;
        this.attributes = attributes;
        this.conditions = conditions;
    }

    /** {@code value} with every intrinsic evaluated; {@code where} labels errors (e.g. "ConvertFunction Environment.X"). */
    public Object resolve(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            String fn = SamTemplate.intrinsic(value);
            if (!fn.isEmpty()) {
                return function(fn, map.values().iterator().next(), where);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object v = resolve(e.getValue(), where + "." + e.getKey());
                if (v != NO_VALUE) {
                    out.put(String.valueOf(e.getKey()), v);
                }
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                Object v = resolve(item, where);
                if (v != NO_VALUE) {
                    out.add(v);
                }
            }
            return out;
        }
        return value;
    }

    /** {@code value} resolved to text (numbers and booleans as written; a list joined with commas). */
    public String text(Object value, String where) {
        Object resolved = resolve(value, where);
        if (resolved instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        if (resolved instanceof Map<?, ?>) {
            throw new BadInputException(where + ": expected a text value, found a map " + SamTemplate.text(resolved));
        }
        return resolved == null ? "" : String.valueOf(resolved);
    }

    /** The named condition of the Conditions section. */
    public boolean condition(String name, String where) {
        Boolean known = evaluated.get(name);
        if (known != null) {
            return known;
        }
        if (!conditions.containsKey(name)) {
            throw new BadInputException(where + ": no condition '" + name + "' in Conditions");
        }
        boolean value = truth(conditions.get(name), "Conditions." + name);
        evaluated.put(name, value);
        return value;
    }

    private boolean truth(Object expression, String where) {
        String fn = SamTemplate.intrinsic(expression);
        Object arg = fn.isEmpty() ? null : SamTemplate.map(expression).get(fn);
        switch (fn) {
            case "Condition":
                return condition(String.valueOf(arg), where);
            case "Fn::Equals": {
                List<Object> pair = args(arg, 2, fn, where);
                return text(pair.get(0), where).equals(text(pair.get(1), where));
            }
            case "Fn::Not":
                return !truth(args(arg, 1, fn, where).get(0), where);
            case "Fn::And":
                return SamTemplate.list(arg).stream().allMatch(c -> truth(c, where));
            case "Fn::Or":
                return SamTemplate.list(arg).stream().anyMatch(c -> truth(c, where));
            default:
                return SamTemplate.isTrue(resolve(expression, where));
        }
    }

    private Object function(String fn, Object arg, String where) {
        switch (fn) {
            case "Ref":
                return ref(String.valueOf(arg), where);
            case "Condition":
                return condition(String.valueOf(arg), where);
            case "Fn::If": {
                List<Object> parts = args(arg, 3, fn, where);
                return resolve(condition(String.valueOf(parts.get(0)), where) ? parts.get(1) : parts.get(2), where);
            }
            case "Fn::Equals":
            case "Fn::Not":
            case "Fn::And":
            case "Fn::Or":
                return truth(Map.of(fn, arg), where);
            case "Fn::Sub":
                return sub(arg, where);
            case "Fn::GetAtt": {
                List<Object> parts = arg instanceof String s && s.contains(".")
                        ? List.of(s.substring(0, s.indexOf('.')), s.substring(s.indexOf('.') + 1)) : args(arg, 2, fn, where);
                return attribute(text(parts.get(0), where) + "." + text(parts.get(1), where), where);
            }
            case "Fn::Join": {
                List<Object> parts = args(arg, 2, fn, where);
                List<Object> items = SamTemplate.list(resolve(parts.get(1), where));
                return String.join(text(parts.get(0), where), items.stream().map(String::valueOf).toList());
            }
            case "Fn::Select": {
                List<Object> parts = args(arg, 2, fn, where);
                int index = Integer.parseInt(text(parts.get(0), where));
                List<Object> items = SamTemplate.list(resolve(parts.get(1), where));
                if (index < 0 || index >= items.size()) {
                    throw new BadInputException(where + ": Fn::Select index " + index + " is outside a list of " + items.size());
                }
                return items.get(index);
            }
            case "Fn::Split": {
                List<Object> parts = args(arg, 2, fn, where);
                return List.of((Object[]) text(parts.get(1), where).split(Pattern.quote(text(parts.get(0), where)), -1));
            }
            default:
                throw new BadInputException(where + ": " + fn + " is not evaluated by the local run");
        }
    }

    private Object ref(String name, String where) {
        if ("AWS::NoValue".equals(name)) {
            return NO_VALUE;
        }
        String known = refs.get(name);
        if (known != null) {
            return known;
        }
        if (name.startsWith("AWS::")) {
            throw new BadInputException(where + ": the pseudo parameter " + name + " has no local value");
        }
        return parameters.apply(name);
    }

    private String attribute(String name, String where) {
        String value = attributes.get(name);
        if (value == null) {
            throw new BadInputException(where + ": Fn::GetAtt " + name + " has no local counterpart");
        }
        return value;
    }

    private String sub(Object arg, String where) {
        String template;
        Map<String, Object> variables = Map.of();
        if (arg instanceof List<?> list) {
            List<Object> parts = args(arg, 2, "Fn::Sub", where);
            template = String.valueOf(parts.get(0));
            variables = SamTemplate.map(list.get(1));
        } else {
            template = String.valueOf(arg);
        }
        Matcher m = SUB_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (!m.group(1).isEmpty()) {
                replacement = "${" + m.group(2) + "}"; // ${!Literal} is the text ${Literal}
            } else if (variables.containsKey(m.group(2))) {
                replacement = text(variables.get(m.group(2)), where + " ${" + m.group(2) + "}");
            } else if (m.group(2).contains(".") && !m.group(2).startsWith("AWS::")) {
                replacement = attribute(m.group(2), where);
            } else {
                replacement = text(ref(m.group(2), where), where);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<Object> args(Object arg, int count, String fn, String where) {
        List<Object> list = SamTemplate.list(arg);
        if (list.size() != count) {
            throw new BadInputException(where + ": " + fn + " takes " + count + " arguments, found " + list.size());
        }
        return list;
    }
}
