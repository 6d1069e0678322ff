package com.productflow.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Small readers over the maps hcl4j produces. hcl4j represents a block that appears once as a map
 * and a block that repeats as a list of maps, numbers as doubles, and references it cannot resolve
 * (var.x, aws_s3_bucket.input.id) as objects whose text is the reference itself; these helpers hide
 * those shapes so the checks read like the HCL they check.
 */
public final class Hcl {
    private Hcl() {
    }

    /** The blocks named {@code name} inside {@code body}, whether written once or repeated. */
    public static List<Map<String, Object>> blocks(Map<String, Object> body, String name) {
        return asBlocks(body == null ? null : body.get(name));
    }

    /** The first (usually only) block named {@code name}. */
    public static Optional<Map<String, Object>> block(Map<String, Object> body, String name) {
        List<Map<String, Object>> found = blocks(body, name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Follows nested single blocks, e.g. {@code path(rule, "apply_server_side_encryption_by_default", "sse_algorithm")}. */
    public static Optional<Object> path(Map<String, Object> body, String... names) {
        Object current = body;
        for (String name : names) {
            if (current instanceof List<?> list) {
                current = list.isEmpty() ? null : list.get(0);
            }
            if (!(current instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            current = map.get(name);
        }
        return Optional.ofNullable(current);
    }

    /** A scalar or reference as text ("" for absent), e.g. "pk", "true", "aws_s3_bucket.input.id". */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Long.toString(d.longValue());
        }
        return value.toString();
    }

    /** An attribute as text ("" when absent). */
    public static String text(Map<String, Object> body, String attribute) {
        return body == null ? "" : text(body.get(attribute));
    }

    /** An attribute holding a list of scalars, as texts (a single scalar counts as a one-element list). */
    public static List<String> texts(Map<String, Object> body, String attribute) {
        Object value = body == null ? null : body.get(attribute);
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> out.add(text(item)));
        } else if (value != null) {
            out.add(text(value));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> asBlocks(Object value) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (value instanceof Map<?, ?> map) {
            out.add((Map<String, Object>) map);
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map) {
                    out.add((Map<String, Object>) map);
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
