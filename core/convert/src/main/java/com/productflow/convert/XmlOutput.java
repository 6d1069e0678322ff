package com.productflow.convert;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes UTF-8 XML into one large byte buffer and hands it to the stream only when full: the hot path
 * of the converter. Text is escaped and encoded in a single loop over the parser's own char buffer,
 * with a plain-ASCII fast path and no per-value allocation.
 *
 * <p>Escaping: {@code & < >} always; in text also CR (as {@code &#13;}, which parsers would otherwise
 * turn into LF); in attributes also {@code "}, TAB, LF, CR (so attribute normalisation keeps them).
 * Characters XML 1.0 forbids (U+0000–U+001F except TAB/LF/CR, unpaired surrogates, U+FFFE, U+FFFF)
 * become U+FFFD, or raise {@link ForbiddenCharacterException} when strict.
 */
final class XmlOutput {
    /** The most bytes one UTF-16 unit can turn into ({@code &quot;}). */
    private static final int MAX_BYTES_PER_CHAR = 6;
    private static final byte[] FORBIDDEN = new byte[0];
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final byte[][] TEXT = table(false);
    static final byte[][] ATTRIBUTE = table(true);

    /** The longest raw string {@link #rawTextElement} copies; longer ones are decoded by the parser. */
    static final int RAW_SCAN = 4096;
    /** Kinds of byte in a raw JSON string; the lead byte of a UTF-8 sequence is its length, 2 to 4. */
    private static final byte PLAIN = 0;
    private static final byte QUOTE = 1;
    private static final byte ESCAPE = 5;
    private static final byte OTHER = 6;
    /** What each byte of a raw JSON string is to {@link #rawTextElement}. */
    private static final byte[] RAW = rawClasses();

    /** Where full buffers go; returns the buffer to continue in (the same one, or a fresh one). */
    interface Sink {
        byte[] swap(byte[] full, int length) throws IOException;
    }

    private final Sink sink;
    private final boolean strict;
    private byte[] buffer;
    private int pos;

    XmlOutput(Sink sink, byte[] buffer, boolean strict) {
        this.sink = sink;
        this.buffer = buffer;
        this.strict = strict;
    }

    /** Writes straight to a stream through one buffer of {@code bufferSize} bytes. */
    XmlOutput(OutputStream out, int bufferSize, boolean strict) {
        this((full, length) -> {
            out.write(full, 0, length);
            return full;
        }, new byte[Math.max(bufferSize, 64)], strict);
    }

    void raw(byte[] bytes) throws IOException {
        int n = bytes.length;
        if (n <= buffer.length - pos) {
            System.arraycopy(bytes, 0, buffer, pos, n);
            pos += n;
            return;
        }
        int off = 0;
        while (off < n) {
            if (pos == buffer.length) {
                flush();
            }
            int c = Math.min(n - off, buffer.length - pos);
            System.arraycopy(bytes, off, buffer, pos, c);
            pos += c;
            off += c;
        }
    }

    /** Characters known to be plain ASCII that need no escaping (JSON number text). */
    void ascii(char[] chars, int offset, int length) throws IOException {
        int end = offset + length;
        while (offset < end) {
            if (pos == buffer.length) {
                flush();
            }
            int n = Math.min(end - offset, buffer.length - pos);
            byte[] b = buffer;
            int p = pos;
            for (int i = 0; i < n; i++) {
                b[p++] = (byte) chars[offset + i];
            }
            pos = p;
            offset += n;
        }
    }

    /**
     * {@code <name>text</name>} for one scalar: a single capacity check and a plain-ASCII copy loop
     * cover the usual short product value; anything else falls back to {@link #escaped}.
     */
    void textElement(ElementName name, char[] chars, int offset, int length) throws IOException {
        byte[] open = name.open;
        byte[] close = name.close;
        if (open.length + close.length + 16 + (long) length * MAX_BYTES_PER_CHAR > buffer.length - pos) {
            raw(open);
            escaped(chars, offset, length, TEXT);
            raw(close);
            return;
        }
        byte[] b = buffer;
        int p = words(b, pos, name.openWords, open.length);
        int i = offset;
        final int end = offset + length;
        // Plain-ASCII prefix: letters, digits and most punctuation are >= '?' and pass one test.
        for (; i < end; i++) {
            char c = chars[i];
            if (c >= 0x3F ? c >= 0x80 : (c < 0x20 || c == '&' || c == '<' || c == '>')) {
                break;
            }
            b[p + i - offset] = (byte) c;
        }
        p += i - offset;
        pos = p;
        if (i < end) {
            escaped(chars, i, end - i, TEXT); // fits: room was checked for the whole value
        }
        pos = words(buffer, pos, name.closeWords, close.length);
    }

    /**
     * {@code <name>text</name>} straight from the raw bytes of a JSON string, {@code src[from, end)}
     * being its content up to at least the closing quote: well-formed UTF-8 of characters XML allows
     * is copied as is, {@code & < >} escaped. Returns the index of the closing quote, or -1 when the
     * string needs what only the parser can do (a backslash escape, bytes that are not plain UTF-8
     * or a character XML forbids, no closing quote within {@link #RAW_SCAN} bytes or before
     * {@code end}); then nothing was written. Same bytes as decoding and {@link #textElement}.
     */
    int rawTextElement(ElementName name, byte[] src, int from, int end) throws IOException {
        byte[] open = name.open;
        byte[] close = name.close;
        // Each input byte becomes at most 5 output bytes ("&amp;"): a scan of RAW_SCAN bytes always fits.
        int need = RAW_SCAN * 5 + open.length + close.length + 16;
        if (buffer.length - pos < need) {
            flush();
            if (buffer.length < need) {
                return -1;
            }
        }
        final int limit = Math.min(end, from + RAW_SCAN);
        final byte[] b = buffer;
        final byte[] kinds = RAW;
        int p = words(b, pos, name.openWords, open.length);
        int i = from;
        while (true) {
            // The usual product value is a short run of plain ASCII: one table test per byte.
            int c = 0;
            while (i < limit && kinds[c = src[i] & 0xFF] == PLAIN) {
                b[p++] = (byte) c;
                i++;
            }
            if (i >= limit) {
                return -1;
            }
            byte kind = kinds[c];
            if (kind == QUOTE) {
                pos = words(b, p, name.closeWords, close.length);
                return i;
            }
            if (kind == ESCAPE) {
                p = put(b, p, TEXT[c]);
                i++;
                continue;
            }
            // A backslash, a control character, a byte no UTF-8 starts with, or a bad sequence.
            if (kind == OTHER || !wellFormed(src, i, kind, limit)) {
                return -1;
            }
            for (int next = i + kind; i < next; i++) {
                b[p++] = src[i];
            }
        }
    }

    /**
     * Whether the {@code n}-byte sequence at {@code i} is complete before {@code limit}, well-formed
     * UTF-8 (no overlong form, no surrogate, nothing above U+10FFFF) and not U+FFFE or U+FFFF.
     */
    private static boolean wellFormed(byte[] src, int i, int n, int limit) {
        if (i + n > limit) {
            return false;
        }
        for (int k = 1; k < n; k++) {
            if ((src[i + k] & 0xC0) != 0x80) {
                return false;
            }
        }
        int lead = src[i] & 0xFF;
        int second = src[i + 1] & 0xFF;
        return switch (n) {
            case 3 -> !(lead == 0xE0 && second < 0xA0 // overlong
                    || lead == 0xED && second >= 0xA0 // a surrogate
                    || lead == 0xEF && second == 0xBF && (src[i + 2] & 0xFF) >= 0xBE); // U+FFFE, U+FFFF
            case 4 -> !(lead == 0xF0 && second < 0x90 || lead == 0xF4 && second >= 0x90); // overlong, above U+10FFFF
            default -> true; // C2..DF leads cannot be overlong
        };
    }

    private static int put(byte[] b, int p, byte[] bytes) {
        for (byte e : bytes) {
            b[p++] = e;
        }
        return p;
    }

    /** {@code <name>number</name>}: JSON number text is ASCII and never needs escaping. */
    void asciiElement(ElementName name, char[] chars, int offset, int length) throws IOException {
        byte[] open = name.open;
        byte[] close = name.close;
        if (open.length + close.length + 16 + (long) length > buffer.length - pos) {
            raw(open);
            ascii(chars, offset, length);
            raw(close);
            return;
        }
        byte[] b = buffer;
        int p = words(b, pos, name.openWords, open.length);
        for (int i = 0; i < length; i++) {
            b[p++] = (byte) chars[offset + i];
        }
        pos = words(b, p, name.closeWords, close.length);
    }

    /** A tag of an open element: one capacity check, then word-wise like the scalar tags. */
    void tag(byte[] bytes, long[] words) throws IOException {
        if (bytes.length + 8 > buffer.length - pos) {
            raw(bytes);
            return;
        }
        pos = words(buffer, pos, words, bytes.length);
    }

    /**
     * Copies a short tag eight bytes at a time: element tags are 8–30 bytes and there are two per
     * value, where System.arraycopy's per-call cost dominated. Writes up to 7 bytes past
     * {@code p + length} (overwritten next, never flushed), so callers keep 8 bytes of slack.
     */
    private static int words(byte[] b, int p, long[] words, int length) {
        // Most tags are 1-3 words: straight-line stores for those, a loop only beyond.
        int n = words.length;
        LONGS.set(b, p, words[0]);
        if (n > 1) {
            LONGS.set(b, p + 8, words[1]);
            if (n > 2) {
                for (int k = 2, q = p + 16; k < n; k++, q += 8) {
                    LONGS.set(b, q, words[k]);
                }
            }
        }
        return p + length;
    }

    /** The bytes as little-endian longs, zero-padded to a multiple of 8. */
    static long[] pack(byte[] bytes) {
        long[] words = new long[(bytes.length + 7) / 8];
        for (int i = 0; i < bytes.length; i++) {
            words[i / 8] |= (bytes[i] & 0xFFL) << (8 * (i % 8));
        }
        return words;
    }

    void text(char[] chars, int offset, int length) throws IOException {
        escaped(chars, offset, length, TEXT);
    }

    /**
     * Escapes {@code chars[offset, offset+length)} with {@code table} into the buffer. Works in chunks
     * sized so that no bounds check is needed per character.
     */
    void escaped(char[] chars, int offset, int length, byte[][] table) throws IOException {
        final int end = offset + length;
        int i = offset;
        while (i < end) {
            int room = (buffer.length - pos) / MAX_BYTES_PER_CHAR;
            if (room < 2) {
                flush();
                continue;
            }
            final int limit = Math.min(end, i + room);
            final byte[] b = buffer;
            int p = pos;
            while (i < limit) {
                char c = chars[i];
                if (c < 0x80) {
                    byte[] escape = table[c];
                    if (escape == null) {
                        b[p++] = (byte) c;
                    } else if (escape == FORBIDDEN) {
                        p = replacement(b, p, c);
                    } else {
                        p = put(b, p, escape);
                    }
                    i++;
                } else if (c < 0x800) {
                    b[p++] = (byte) (0xC0 | (c >> 6));
                    b[p++] = (byte) (0x80 | (c & 0x3F));
                    i++;
                } else if (c >= 0xD800 && c <= 0xDFFF) {
                    // A pair may straddle the chunk limit: reading chars[i + 1] is fine because the
                    // pair's 4 bytes fit in the 12 bytes budgeted for two units.
                    if (c <= 0xDBFF && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
                        int cp = Character.toCodePoint(c, chars[i + 1]);
                        b[p++] = (byte) (0xF0 | (cp >> 18));
                        b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                        b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                        b[p++] = (byte) (0x80 | (cp & 0x3F));
                        i += 2;
                    } else {
                        p = replacement(b, p, c);
                        i++;
                    }
                } else if (c >= 0xFFFE) {
                    p = replacement(b, p, c);
                    i++;
                } else {
                    b[p++] = (byte) (0xE0 | (c >> 12));
                    b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    b[p++] = (byte) (0x80 | (c & 0x3F));
                    i++;
                }
            }
            pos = p;
        }
    }

    private int replacement(byte[] b, int p, char c) {
        if (strict) {
            pos = p;
            throw new ForbiddenCharacterException(c);
        }
        b[p++] = (byte) 0xEF; // U+FFFD
        b[p++] = (byte) 0xBF;
        b[p++] = (byte) 0xBD;
        return p;
    }

    void flush() throws IOException {
        if (pos > 0) {
            buffer = sink.swap(buffer, pos);
            pos = 0;
        }
    }

    /** Escapes a whole string with {@code table} into a fresh array (element names; not the hot path). */
    static byte[] escape(String s, byte[][] table, boolean strict) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(s.length() + 16);
        XmlOutput x = new XmlOutput(bytes, Math.max(64, s.length() * MAX_BYTES_PER_CHAR + 16), strict);
        try {
            x.escaped(s.toCharArray(), 0, s.length(), table);
            x.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] rawClasses() {
        byte[] classes = new byte[256];
        java.util.Arrays.fill(classes, 0, 0x20, OTHER); // control characters are not valid JSON in a string
        classes['"'] = QUOTE;
        classes['\\'] = OTHER;
        classes['&'] = ESCAPE; // as in TEXT
        classes['<'] = ESCAPE;
        classes['>'] = ESCAPE;
        java.util.Arrays.fill(classes, 0x80, 0xC2, OTHER); // continuation bytes, overlong leads
        java.util.Arrays.fill(classes, 0xC2, 0xE0, (byte) 2);
        java.util.Arrays.fill(classes, 0xE0, 0xF0, (byte) 3);
        java.util.Arrays.fill(classes, 0xF0, 0xF5, (byte) 4);
        java.util.Arrays.fill(classes, 0xF5, 0x100, OTHER);
        return classes;
    }

    private static byte[][] table(boolean attribute) {
        byte[][] t = new byte[128][];
        for (int c = 0; c < 0x20; c++) {
            t[c] = FORBIDDEN;
        }
        t['\t'] = attribute ? utf8("&#9;") : null;
        t['\n'] = attribute ? utf8("&#10;") : null;
        t['\r'] = utf8("&#13;");
        t['&'] = utf8("&amp;");
        t['<'] = utf8("&lt;");
        t['>'] = utf8("&gt;");
        if (attribute) {
            t['"'] = utf8("&quot;");
        }
        return t;
    }
}
