package com.productflow.functions.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.productflow.extract.publish.ExtractResult;
import com.productflow.functions.InvalidInput;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** ExtractFunction's side of the state machine's Extract task: what it is asked, and what it answers. */
final class ExtractPayloads {
    private ExtractPayloads() {
    }

    /** {@code executionStartTime} (the task's {@code $$.Execution.StartTime}), when the event has it. */
    static Optional<Instant> requested(JsonNode event) {
        JsonNode time = event.path("executionStartTime");
        if (time.isMissingNode() || time.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(time.asText()));
        } catch (DateTimeParseException e) {
            throw new InvalidInput("extract: executionStartTime must be an ISO-8601 instant, got '" + time.asText() + "'", e);
        }
    }

    /** {@code outputs.extract}: {@code {selected, published, failed, topic, mode}}, and {@code coveredBy} when covered. */
    static Map<String, Object> answer(ExtractResult result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("selected", result.selected());
        out.put("published", result.published());
        out.put("failed", result.failed());
        out.put("topic", result.topic());
        out.put("mode", result.mode().name().toLowerCase(Locale.ROOT));
        if (result.covered()) {
            out.put("coveredBy", result.runId());
        }
        return out;
    }
}
