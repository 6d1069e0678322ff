package com.productflow.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The plain-ASCII fast path for text values ({@link XmlOutput#textElement}): every character that needs
 * escaping, is forbidden or is not ASCII, at every position of a value, with the value near the end of
 * the output buffer or not, gives exactly what a plain per-code-point escape gives.
 */
class TextFastPathTest {
    private static final ElementName T = ElementName.of("t");
    /** Characters that must leave the fast path, and some that may stay on it. */
    private static final String[] SPECIALS = {
        "&", "<", ">", "\t", "\n", "\r", "\u0001", "\u001F", "\u0000", "\"", "'", "?", " ", "\u007F",
        "é", "€", "\uD83D\uDE00", "\uD800", "\uDC00", "\uFFFE", "\uFFFF", "\u0080", "\u07FF", "\u0800"};

    @Test
    void aSpecialCharacterAtEveryPositionIsEscapedExactly() throws IOException {
        for (String special : SPECIALS) {
            for (int length = 0; length <= 26; length++) {
                for (int at = 0; at <= length; at++) {
                    String value = "abcdefghijklmnopqrstuvwxyz".substring(0, at) + special
                            + "ABCDEFGHIJKLMNOPQRSTUVWXYZ".substring(0, length - at);
                    for (int bufferSize : new int[] {64, 97, 150, 4096}) {
                        assertConverts(value, bufferSize);
                    }
                }
            }
        }
    }

    @Test
    void randomMixturesAtRandomOffsetsInTheCharBuffer() throws IOException {
        Random random = new Random(11);
        String alphabet = "abcXYZ019 .,;:-_/()[]{}=+*#%$!?@~^`|" + String.join("", SPECIALS);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                value.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : (char) ('a' + random.nextInt(26)));
            }
            assertConverts(value.toString(), 64 + random.nextInt(400));
        }
    }

    @Test
    void strictModeStillRejectsAControlCharInsideAnAsciiRun() {
        char[] chars = "0123456789abcdef\u0002ghijklmnop".toCharArray();
        XmlOutput x = new XmlOutput(new ByteArrayOutputStream(), 4096, true);
        ForbiddenCharacterException e = assertThrows(ForbiddenCharacterException.class,
                () -> x.textElement(T, chars, 0, chars.length));
        assertEquals(true, e.getMessage().contains("U+0002"), e.getMessage());
    }

    /** Converts {@code value} placed at an odd offset of a larger char array, after some filler output. */
    private static void assertConverts(String value, int bufferSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XmlOutput x = new XmlOutput(out, bufferSize, false);
        x.raw("<r>".repeat(bufferSize % 13).getBytes(StandardCharsets.UTF_8)); // move the value around the buffer
        char[] chars = ("##" + value + "#").toCharArray();
        x.textElement(T, chars, 2, value.length());
        x.flush();
        byte[] expected = ("<r>".repeat(bufferSize % 13) + "<t>" + reference(value) + "</t>").getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(expected, out.toByteArray(), () -> "value " + escapeForMessage(value) + ", buffer " + bufferSize);
    }

    /** Per code point: what XML text must contain for it. */
    private static String reference(String value) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                s.append(c).append(value.charAt(++i));
            } else if (c == '&') {
                s.append("&amp;");
            } else if (c == '<') {
                s.append("&lt;");
            } else if (c == '>') {
                s.append("&gt;");
            } else if (c == '\r') {
                s.append("&#13;");
            } else if (c == '\t' || c == '\n') {
                s.append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                s.append('\uFFFD');
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    private static String escapeForMessage(String value) {
        StringBuilder s = new StringBuilder();
        value.chars().forEach(c -> s.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return s.toString();
    }
}
