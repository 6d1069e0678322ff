package com.productflow.convert;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import java.io.InputStream;

/**
 * Jackson's UTF-8 parser, plus access to the raw bytes of a string value it has not decoded yet.
 *
 * <p>Why: Jackson reads a string value lazily. Decoding it to {@code char[]} only for {@link XmlOutput}
 * to encode it back to the same UTF-8 was about a tenth of the converter's parsing thread. With this class
 * the converter copies a string's bytes from Jackson's input buffer straight into the XML, escaping on
 * the way, and then moves the parser past the closing quote; anything it does not handle on bytes
 * (JSON escapes, a string that runs past the buffer, bytes that are not plain UTF-8) goes back to
 * Jackson's own decoding, untouched. The state it reads and moves ({@code _inputBuffer},
 * {@code _inputPtr}, {@code _inputEnd}, {@code _tokenIncomplete}) is what Jackson leaves
 * {@code protected} for subclasses (the class is non-final since 2.3).
 */
final class RawStringParser extends UTF8StreamJsonParser {
    RawStringParser(IOContext context, int features, InputStream in, ByteQuadsCanonicalizer names,
            byte[] buffer, int start, int end, boolean bufferRecyclable) {
        super(context, features, in, null, names, buffer, start, end, start, bufferRecyclable);
    }

    /** True when the current token is a string whose bytes start at {@link #rawStart()} and are not read yet. */
    boolean hasRawString() {
        return _tokenIncomplete && _currToken == JsonToken.VALUE_STRING;
    }

    /** Jackson's input buffer; valid until the next call on the parser. */
    byte[] rawBuffer() {
        return _inputBuffer;
    }

    /** Where the current string's content starts (just after its opening quote). */
    int rawStart() {
        return _inputPtr;
    }

    /** End of the bytes loaded in {@link #rawBuffer()}. */
    int rawEnd() {
        return _inputEnd;
    }

    /**
     * The caller has consumed the current string up to its closing quote at {@code closingQuote}: the
     * parser continues after it. The token's text is not available afterwards.
     */
    void skipRawString(int closingQuote) {
        _inputPtr = closingQuote + 1;
        _tokenIncomplete = false;
    }
}
