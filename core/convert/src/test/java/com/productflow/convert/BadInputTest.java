package com.productflow.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productflow.common.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad input stops with a located error and leaves no output file behind. */
class BadInputTest {
    @TempDir
    Path dir;

    static Stream<Arguments> badInputs() {
        byte[] good = "[{\"ean\":\"1\",\"t\":\"some text to compress\"},{\"ean\":\"2\"}]".getBytes(StandardCharsets.UTF_8);
        byte[] gz = Convert.gzip(good);
        byte[] badUtf8 = "[{\"a\":\"ok\"},{\"a\":\"x\u0000\"}]".getBytes(StandardCharsets.UTF_8);
        badUtf8[badUtf8.length - 4] = (byte) 0xFF; // where the NUL was
        return Stream.of(
                Arguments.of("truncated file", utf8("[{\"a\":1},\n{\"a\":\"tru"), "end-of-input", 2, 1),
                Arguments.of("trailing garbage", utf8("[{\"a\":1}] xyz"), "malformed JSON", 1, 1),
                Arguments.of("second document", utf8("[{\"a\":1}] [{\"a\":2}]"), "after the end of the JSON array", 1, 1),
                Arguments.of("invalid UTF-8", badUtf8, "UTF-8", 1, 1),
                Arguments.of("top-level scalar", utf8("  42"), "top-level value is a number", 1, 0),
                Arguments.of("top-level string", utf8("\"x\""), "top-level value is a string", 1, 0),
                Arguments.of("non-object element", utf8("[{\"a\":1},{\"a\":2},\n 7]"), "array element is a number", 2, 2),
                Arguments.of("non-object JSON line", utf8("{\"a\":1}\n[1]\n"), "JSON Lines value is an array", 2, 1),
                Arguments.of("empty file", new byte[0], "input is empty", 1, 0),
                Arguments.of("whitespace only", utf8(" \n "), "input is empty", 2, 0),
                Arguments.of("gzip cut short", Arrays.copyOf(gz, gz.length - 12), "gzip", 1, -1),
                Arguments.of("gzip header only", Arrays.copyOf(gz, 5), "gzip", 1, 0),
                Arguments.of("unpaired surrogate in a key", utf8("[{\"a\":1},{\"\\uD800\":1}]"), "surrogate", 1, 1),
                Arguments.of("missing comma", utf8("[{\"a\":1 \"b\":2}]"), "malformed JSON", 1, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void failsWithLocatedErrorAndNoOutputFile(String name, byte[] input, String expected, long line, long record) throws IOException {
        Path in = dir.resolve("in.json");
        Files.write(in, input);
        Path out = dir.resolve("out.xml");
        MalformedInputException e = assertThrows(MalformedInputException.class,
                () -> FileConversion.convert(new JsonToXmlConverter(), in, out, ProgressListener.NONE));
        String m = e.getMessage();
        assertTrue(m.contains(expected), name + ": " + m);
        assertTrue(m.matches("(?s).* at line \\d+, column \\d+, byte offset -?\\d+, record index -?\\d+ \\(0-based\\)$"), m);
        assertEquals(line, e.line(), name + ": " + m);
        if (record >= 0) {
            assertEquals(record, e.recordIndex(), name + ": " + m);
        }
        assertTrue(e instanceof BadInputException);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(java.util.List.of(in), left.toList(), "only the input remains");
        }
    }

    @Test
    void aFailedConversionLeavesAnExistingTargetUntouched() throws IOException {
        Path in = dir.resolve("in.json");
        Files.write(in, utf8("[{\"a\":1},"));
        Path out = dir.resolve("out.xml");
        Files.writeString(out, "previous");
        assertThrows(BadInputException.class, () -> FileConversion.convert(new JsonToXmlConverter(), in, out, ProgressListener.NONE));
        assertEquals("previous", Files.readString(out));
    }

    @Test
    void byteOffsetAndColumnPointAtTheProblem() {
        MalformedInputException e = assertThrows(MalformedInputException.class,
                () -> Convert.text("[{\"a\":1},\n {\"b\": tru }]"));
        assertEquals(2, e.line());
        assertEquals(1, e.recordIndex());
        assertTrue(e.byteOffset() >= 15 && e.byteOffset() <= 20, e.getMessage());
    }

    @Test
    void aMissingInputFileIsBadInput() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> FileConversion.convert(new JsonToXmlConverter(), dir.resolve("nope.json"), dir.resolve("o.xml"), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("nope.json"), e.getMessage());
    }

    @Test
    void successfulFileConversionWritesTheTargetOnly() throws IOException {
        Path in = dir.resolve("in.json");
        Files.write(in, utf8("[{\"a\":1}]"));
        Path out = dir.resolve("out.xml");
        ConversionResult r = FileConversion.convert(new JsonToXmlConverter(), in, out, ProgressListener.NONE);
        assertEquals(1, r.records());
        assertEquals(Files.size(out), r.bytesOut());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(2, left.count());
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
