package com.productflow.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed SAM template ({@link CfnYaml}) with the few accessors the checks need. Values stay plain
 * maps, lists, strings, numbers and booleans; an intrinsic function is a one-key map such as
 * {@code {Ref: X}}.
 */
public final class SamTemplate {
    /** Where the template lives, relative to the repository root. */
    public static final Path FILE = Path.of("template.yaml");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> root;

    public SamTemplate(Map<String, Object> root) {
        this.root = root;
    }

    public static SamTemplate load(Path repoRoot) throws IOException {
        return new SamTemplate(CfnYaml.load(repoRoot.resolve(FILE)));
    }

    /** One resource: logical id, type and properties (empty map when it has none). */
    public record Resource(String id, String type, Map<String, Object> properties, Map<String, Object> body) {
        public String where() {
            return type + " " + id;
        }
    }

    public Map<String, Object> parameters() {
        return map(root.get("Parameters"));
    }

    public Map<String, Object> outputs() {
        return map(root.get("Outputs"));
    }

    public Map<String, Object> conditions() {
        return map(root.get("Conditions"));
    }

    /** Properties under Globals.Function (what every AWS::Serverless::Function inherits). */
    public Map<String, Object> functionGlobals() {
        return map(get(root, "Globals", "Function"));
    }

    /** All resources in template order. */
    public List<Resource> resources() {
        List<Resource> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : map(root.get("Resources")).entrySet()) {
            Map<String, Object> body = map(e.getValue());
            out.add(new Resource(e.getKey(), text(body.get("Type")), map(body.get("Properties")), body));
        }
        return out;
    }

    public List<Resource> resources(String type) {
        return resources().stream().filter(r -> r.type().equals(type)).toList();
    }

    public Optional<Resource> resource(String id) {
        return resources().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /**
     * A function property as the function sees it: its own value, else the one from
     * Globals.Function (SAM merges maps such as Environment; scalars and lists are replaced).
     */
    public Object functionProperty(Resource function, String name) {
        Object own = function.properties().get(name);
        return own != null ? own : functionGlobals().get(name);
    }

    // --- plain-tree helpers ---------------------------------------------------------------------

    /** {@code value} as a map, or an empty map when it is not one. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }

    /** {@code value} as a list: a list as is, a single value as a one-element list, null as empty. */
    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        if (value == null) {
            return new ArrayList<>();
        }
        return value instanceof List<?> l ? (List<Object>) l : new ArrayList<>(List.of(value));
    }

    /** A scalar as text ("" for null); maps and lists as compact JSON (so intrinsics read as {"Ref":"X"}). */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                return String.valueOf(value);
            }
        }
        return String.valueOf(value);
    }

    /** The value at a path of map keys, or null. */
    public static Object get(Object value, String... keys) {
        Object current = value;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    /** True for YAML true and the string "true" (CloudFormation accepts both). */
    public static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(text(value));
    }

    /** The single key of an intrinsic function map ({@code Ref}, {@code Fn::Sub}, ...), or "". */
    public static String intrinsic(Object value) {
        if (value instanceof Map<?, ?> m && m.size() == 1) {
            String key = String.valueOf(m.keySet().iterator().next());
            if (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::")) {
                return key;
            }
        }
        return "";
    }

    /** True for {@code {Ref: AWS::NoValue}}, which removes the value it stands for. */
    public static boolean isNoValue(Object value) {
        return "Ref".equals(intrinsic(value)) && "AWS::NoValue".equals(map(value).get("Ref"));
    }
}
