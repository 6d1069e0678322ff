package com.productflow.convert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

/**
 * Creates a {@link RawStringParser} for UTF-8 input (with or without BOM), with a larger input buffer
 * than Jackson's 8 KB so that fewer strings straddle a refill. Input that starts like UTF-16 or UTF-32
 * (a BOM of theirs, or a zero byte among the first four) goes to Jackson's own encoding detection, as
 * before.
 */
final class ConverterJsonFactory extends JsonFactory {
    static final int INPUT_BUFFER = 1 << 16;

    private final boolean rawStrings;

    /** With {@code rawStrings} false, plain Jackson parsers (tests compare the two paths). */
    ConverterJsonFactory(JsonFactoryBuilder builder, boolean rawStrings) {
        super(builder);
        this.rawStrings = rawStrings;
    }

    @Override
    protected JsonParser _createParser(InputStream in, IOContext context) throws IOException {
        if (!rawStrings) {
            return super._createParser(in, context);
        }
        byte[] buffer = context.allocReadIOBuffer(INPUT_BUFFER);
        int n = 0;
        while (n < 4) {
            int r = in.read(buffer, n, buffer.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        if (!utf8(buffer, n)) {
            byte[] head = Arrays.copyOf(buffer, n);
            context.releaseReadIOBuffer(buffer);
            return super._createParser(new SequenceInputStream(new ByteArrayInputStream(head), in), context);
        }
        int start = n >= 3 && (buffer[0] & 0xFF) == 0xEF && (buffer[1] & 0xFF) == 0xBB && (buffer[2] & 0xFF) == 0xBF ? 3 : 0;
        return new RawStringParser(context, _parserFeatures, in, _byteSymbolCanonicalizer.makeChild(_factoryFeatures),
                buffer, start, n, true);
    }

    /** JSON text starts with ASCII, so UTF-16/32 shows a zero byte in its first four, or their BOMs. */
    private static boolean utf8(byte[] b, int n) {
        if (n >= 2 && ((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF || (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE)) {
            return false;
        }
        for (int i = 0; i < n && i < 4; i++) {
            if (b[i] == 0) {
                return false;
            }
        }
        return true;
    }
}
