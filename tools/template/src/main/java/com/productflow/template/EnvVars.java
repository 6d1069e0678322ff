package com.productflow.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productflow.common.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SAM's {@code --env-vars} file: a JSON object whose {@code Parameters} object sets variables of every
 * function and whose other members, named by a function's logical id, set that function's (they win over
 * {@code Parameters}). Only variables the template declares for the function take a value from here;
 * {@link TemplateStack} ignores the rest with a warning, as SAM does. Values are strings (numbers and
 * booleans are taken as their text).
 */
public record EnvVars(String source, Map<String, String> all, Map<String, Map<String, String>> byFunction) {
    public static final String ALL_FUNCTIONS = "Parameters";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static EnvVars none() {
        return new EnvVars("(none)", Map.of(), Map.of());
    }

    public static EnvVars read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new BadInputException("--env-vars: cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), text);
    }

    public static EnvVars parse(String source, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + ": not JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(source + ": must be a JSON object of {\"Parameters\": {...}, \"<FunctionLogicalId>\": {...}}");
        }
        Map<String, String> all = Map.of();
        Map<String, Map<String, String>> byFunction = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Map<String, String> variables = variables(source, entry.getKey(), entry.getValue());
            if (ALL_FUNCTIONS.equals(entry.getKey())) {
                all = variables;
            } else {
                byFunction.put(entry.getKey(), variables);
            }
        }
        return new EnvVars(source, all, byFunction);
    }

    private static Map<String, String> variables(String source, String section, JsonNode node) {
        if (!node.isObject()) {
            throw new BadInputException(source + ": \"" + section + "\" must be an object of variable names to values");
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> variable = it.next();
            JsonNode value = variable.getValue();
            if (!value.isValueNode() || value.isNull()) {
                throw new BadInputException(source + ": \"" + section + "\"." + variable.getKey() + " must be a string, number or boolean");
            }
            variables.put(variable.getKey(), value.asText());
        }
        return variables;
    }

    /** The values for one function: {@code Parameters} with the function's own section on top. */
    public Map<String, String> forFunction(String logicalId) {
        Map<String, String> merged = new LinkedHashMap<>(all);
        merged.putAll(byFunction.getOrDefault(logicalId, Map.of()));
        return merged;
    }
}
