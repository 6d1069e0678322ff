package com.productflow.state.dynamo;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Collects the attribute names and values one request's expressions use. DynamoDB rejects unused
 * placeholders, so names and values are registered only as they are written into an expression; every
 * attribute goes through a {@code #name} placeholder ({@code status}, {@code key}, {@code ttl}... are
 * reserved words).
 */
final class Expr {
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();

    /** {@code #attr}, registered. */
    String n(String attribute) {
        String placeholder = "#" + attribute;
        names.put(placeholder, attribute);
        return placeholder;
    }

    /** {@code :name}, bound to {@code value}. */
    String v(String name, AttributeValue value) {
        String placeholder = ":" + name;
        AttributeValue previous = values.put(placeholder, value);
        if (previous != null && !previous.equals(value)) {
            throw new IllegalStateException("placeholder " + placeholder + " bound twice to different values");
        }
        return placeholder;
    }

    String v(String name, String value) {
        return v(name, AttributeValue.fromS(value));
    }

    String v(String name, long value) {
        return v(name, AttributeValue.fromN(Long.toString(value)));
    }

    Map<String, String> names() {
        return Map.copyOf(names);
    }

    /** Null when no values are used (the SDK then omits the field, which DynamoDB requires). */
    Map<String, AttributeValue> values() {
        return values.isEmpty() ? null : Map.copyOf(values);
    }
}
