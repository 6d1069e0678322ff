package com.productflow.convert;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;

/**
 * What the converters (XML here, Parquet in core/parquet) say when the input cannot be parsed: a corrupt gzip
 * stream, a limit of {@link ConversionOptions} exceeded, or malformed JSON, as a {@link MalformedInputException}
 * at the record being read when one is, else at the start of the input.
 */
public final class ParseErrors {
    /** The running conversion's own failure at a parser location (its record index and path). */
    @FunctionalInterface
    public interface AtRecord {
        MalformedInputException failure(String reason, JsonLocation where, Throwable cause);
    }

    private ParseErrors() {}

    /**
     * {@code e} is an {@link InputDecoding.CorruptGzipException} or a {@link JsonProcessingException};
     * {@code run} is null when the failure came before the first token.
     */
    public static MalformedInputException malformed(IOException e, AtRecord run) {
        if (e instanceof InputDecoding.CorruptGzipException gzip) {
            return run == null
                    ? new MalformedInputException("corrupt gzip header: " + gzip.getMessage(), 1, 1, 0, 0, gzip)
                    : run.failure("gzip stream is truncated or corrupt: " + gzip.getMessage(), null, gzip);
        }
        JsonProcessingException json = (JsonProcessingException) e;
        String reason = json instanceof StreamConstraintsException
                ? json.getOriginalMessage() + " (see settings " + ConversionOptions.MAX_DEPTH + ", "
                        + ConversionOptions.MAX_STRING_LENGTH + ", " + ConversionOptions.MAX_NUMBER_LENGTH + ")"
                : "malformed JSON: " + json.getOriginalMessage();
        return run == null ? new MalformedInputException(reason, 1, 1, 0, 0, json) : run.failure(reason, json.getLocation(), json);
    }
}
