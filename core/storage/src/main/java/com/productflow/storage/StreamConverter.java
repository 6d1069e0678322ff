package com.productflow.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Turns one stream into another and says how many records it wrote. Neither stream is closed.
 * The product feed's is {@code (in, out) -> new JsonToXmlConverter().convert(in, out).records()}.
 */
@FunctionalInterface
public interface StreamConverter {
    long convert(InputStream in, OutputStream out) throws IOException;
}
