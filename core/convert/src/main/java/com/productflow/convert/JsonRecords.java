package com.productflow.convert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.function.Function;

/**
 * The top level of a product file, the same for every output format: a JSON array of objects, or JSON Lines (objects
 * one after another). Anything else fails with what was found, through the converter's own error (which adds where).
 */
public final class JsonRecords {
    /** Reads one record: called on its START_OBJECT, returns on its END_OBJECT. */
    public interface RecordReader {
        void record() throws IOException;
    }

    private JsonRecords() {}

    /**
     * Calls {@code reader} for each record of the document whose first token (not null) is {@code first}.
     *
     * @param failure the converter's error for a reason, at the parser's current location
     */
    public static void forEach(JsonParser parser, JsonToken first, RecordReader reader,
            Function<String, MalformedInputException> failure) throws IOException {
        if (first == JsonToken.START_ARRAY) {
            JsonToken t;
            while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                requireObject(t, "array element", failure);
                reader.record();
            }
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw failure.apply("unexpected " + describe(after) + " after the end of the JSON array");
            }
        } else {
            String what = "top-level value";
            for (JsonToken t = first; t != null; t = parser.nextToken()) {
                requireObject(t, what, failure);
                reader.record();
                what = "JSON Lines value";
            }
        }
    }

    private static void requireObject(JsonToken t, String what, Function<String, MalformedInputException> failure) {
        if (t != JsonToken.START_OBJECT) {
            String found = t == null ? "end of input" : describe(t);
            throw failure.apply(what + " is " + found + ", expected a JSON object (input must be a JSON array of objects or JSON Lines)");
        }
    }

    /** A token as a reader of the error message names it. */
    public static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }
}
