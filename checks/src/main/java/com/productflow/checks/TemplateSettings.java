package com.productflow.checks;

import com.productflow.template.SamTemplate;
import com.productflow.template.SamTemplate.Resource;
import com.productflow.common.config.Setting;
import com.productflow.common.config.SettingsRegistry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.productflow.template.SamTemplate.get;
import static com.productflow.template.SamTemplate.intrinsic;
import static com.productflow.template.SamTemplate.list;
import static com.productflow.template.SamTemplate.map;
import static com.productflow.template.SamTemplate.text;

/**
 * Every environment variable of template.yaml (Globals.Function and each function) against
 * {@link SettingsRegistry}: the key must be one productflow knows, and each value the template fixes
 * must be valid for the key's type. A value is fixed when it is a literal, a branch of {@code !If}, or
 * a {@code !Ref} to a template parameter (its Default and AllowedValues); other intrinsics (resource
 * references, {@code !Sub}, Parameter Store references) are only known at deploy time. The template
 * owns the deployed values, the registry what a key means.
 */
public final class TemplateSettings {
    private final SamTemplate template;

    public TemplateSettings(SamTemplate template) {
        this.template = template;
    }

    /** One environment variable where the template sets it. */
    public record Variable(String where, String key, Object value) {}

    /** Globals first, then every function's own, in template order. */
    public List<Variable> variables() {
        List<Variable> out = new ArrayList<>();
        environment(template.functionGlobals()).forEach((key, value) -> out.add(new Variable("Globals.Function", key, value)));
        for (Resource function : template.resources("AWS::Serverless::Function")) {
            environment(function.properties()).forEach((key, value) -> out.add(new Variable(function.id(), key, value)));
        }
        return out;
    }

    /** The environment a function runs with: Globals' variables with its own on top (SAM merges the maps). */
    public Map<String, Object> environmentOf(String functionId) {
        Map<String, Object> env = new LinkedHashMap<>(environment(template.functionGlobals()));
        template.resource(functionId).ifPresent(f -> env.putAll(environment(f.properties())));
        return env;
    }

    /** Findings: unknown keys and fixed values their key's type rejects; empty when all is well. */
    public List<String> findings() {
        List<String> findings = new ArrayList<>();
        List<Variable> variables = variables();
        if (variables.isEmpty()) {
            findings.add("no environment variables found in template.yaml (Globals.Function or a function)");
        }
        for (Variable v : variables) {
            Optional<Setting<?>> setting = SettingsRegistry.find(v.key());
            if (setting.isEmpty()) {
                findings.add(v.where() + ": environment variable " + v.key() + " is not a setting productflow knows"
                        + " (define it in SettingsRegistry)");
                continue;
            }
            for (Fixed fixed : fixedValues(v.value(), "")) {
                try {
                    setting.get().parse(fixed.text());
                } catch (IllegalArgumentException e) {
                    findings.add(v.where() + ": " + v.key() + fixed.from() + " " + e.getMessage());
                }
            }
        }
        return findings;
    }

    /** A value the template fixes, and where it comes from (empty for a literal). */
    public record Fixed(String text, String from) {}

    /** The values {@code value} can take that the template itself fixes; blank ones (= unset) are left out. */
    public List<Fixed> fixedValues(Object value, String from) {
        List<Fixed> out = new ArrayList<>();
        String fn = intrinsic(value);
        if (fn.isEmpty()) {
            if (value != null && !(value instanceof Map<?, ?>) && !(value instanceof List<?>) && !text(value).isBlank()) {
                out.add(new Fixed(text(value), from));
            }
        } else if (fn.equals("Fn::If")) {
            List<Object> branches = list(map(value).get("Fn::If"));
            for (int i = 1; i < branches.size(); i++) {
                out.addAll(fixedValues(branches.get(i), from));
            }
        } else if (fn.equals("Ref")) {
            String name = text(map(value).get("Ref"));
            Object parameter = template.parameters().get(name);
            if (parameter != null) {
                String via = " (parameter " + name + ")";
                out.addAll(fixedValues(get(parameter, "Default"), via));
                for (Object allowed : list(get(parameter, "AllowedValues"))) {
                    out.addAll(fixedValues(allowed, via));
                }
            }
        }
        return out;
    }

    private static Map<String, Object> environment(Map<String, Object> properties) {
        return map(get(properties, "Environment", "Variables"));
    }
}
