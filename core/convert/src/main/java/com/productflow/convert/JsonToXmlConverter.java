package com.productflow.convert;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Streams a JSON array of product objects (or JSON Lines, optionally gzipped) into the product-feed
 * XML in one pass and constant memory. API pinned for the other modules; implementation in progress.
 */
public final class JsonToXmlConverter {
    public JsonToXmlConverter() {}

    /**
     * Converts {@code in} to {@code out}. Neither stream is closed. Malformed input throws a
     * {@link com.productflow.common.BadInputException} naming line, column, byte offset and record index.
     */
    public ConversionResult convert(InputStream in, OutputStream out) throws IOException {
        return convert(in, out, ProgressListener.NONE);
    }

    public ConversionResult convert(InputStream in, OutputStream out, ProgressListener progress) throws IOException {
        throw new UnsupportedOperationException("converter not implemented yet");
    }
}
