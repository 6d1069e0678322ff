package com.productflow.stack.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test stand-in for a Lambda handler: records every payload it receives and answers with the
 * behaviour the test sets (swappable, because one state machine serves several tests).
 */
final class RecordingFunction implements LocalFunction {

    static final ObjectMapper JSON = new ObjectMapper();

    /** What the function does with one parsed payload and its 1-based attempt number. */
    @FunctionalInterface
    interface Behaviour {
        Object apply(JsonNode payload, int call) throws Exception;
    }

    private final List<JsonNode> calls = new CopyOnWriteArrayList<>();
    private volatile Behaviour behaviour = (payload, call) -> JSON.createObjectNode();

    RecordingFunction answer(Behaviour next) {
        behaviour = next;
        calls.clear();
        return this;
    }

    List<JsonNode> calls() {
        return calls;
    }

    @Override
    public byte[] invoke(byte[] payload) throws Exception {
        JsonNode parsed = JSON.readTree(payload);
        calls.add(parsed);
        return JSON.writeValueAsBytes(behaviour.apply(parsed, calls.size()));
    }
}
