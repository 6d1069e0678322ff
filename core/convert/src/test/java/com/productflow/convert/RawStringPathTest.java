package com.productflow.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * String values copied as raw bytes ({@link RawStringParser}, {@link XmlOutput#rawTextElement}) give
 * exactly what Jackson's decoding gives: same XML bytes, same counts and hashes, and for bad input the
 * same error at the same place. The documents mix every kind of byte a JSON string can hold (plain
 * ASCII, {@code & < >}, JSON escapes, UTF-8 of every length, U+FFFE/U+FFFF, encoded surrogates,
 * overlong forms, stray and truncated sequences, raw control characters) with strings longer than
 * the raw scan and strings that straddle the parser's buffer refills.
 */
class RawStringPathTest {
    /** What a valid JSON string can hold; the first six are plain product text. */
    private static final byte[][] PIECES = {
        ascii("Snow White"), ascii("5710457237977"), ascii(" "), ascii("a"), ascii("?"), ascii("'"),
        ascii("&"), ascii("<"), ascii(">"), ascii("&amp;"), ascii("]]>"), {0x7F},
        ascii("\\\""), ascii("\\\\"), ascii("\\n"), ascii("\\r"), ascii("\\t"), ascii("\\/"), ascii("\\u00e9"),
        ascii("\\ud83d\\ude00"), ascii("\\ud800"), ascii("\\u0000"), ascii("\\uFFFE"),
        utf8("é"), utf8("Maison Lumière"), utf8("€"), utf8("😀"), utf8("\u0080"), utf8("\u07FF"), utf8("\u0800"),
        utf8("\uFFFD"), utf8("\uFDD0"), utf8("\uDBFF\uDFFF"), utf8("\uD800\uDC00"),
        hex("efbfbe"), hex("efbfbf"), // U+FFFE, U+FFFF: well-formed UTF-8, not XML
    };
    /** Bytes that are not plain UTF-8, or not valid in a JSON string. */
    private static final byte[][] BROKEN = {
        hex("eda080"), hex("edbfbf"), // encoded surrogates
        hex("c080"), hex("c1bf"), hex("e08080"), hex("f08f8080"), // overlong
        hex("f4908080"), hex("f5"), hex("ff"), hex("80"), hex("bf"), // above U+10FFFF, never a lead, stray continuation
        hex("c3"), hex("e282"), hex("f09f98"), // truncated sequences
        {0x01}, {0x1F}, {0x09}, {0x0A}, // raw control characters
        ascii("\\x"), ascii("\\u12"), // bad escapes
    };

    @Property(tries = 300)
    void rawCopyingGivesExactlyWhatDecodingGives(@ForAll("documents") byte[] json, @ForAll boolean strict) {
        ConversionOptions options = ConversionOptions.defaults().withStrict(strict);
        assertSameOutcome(json, options);
    }

    @Property(tries = 40)
    void theSameAtTheStringLengthLimit(@ForAll("documents") byte[] json) {
        assertSameOutcome(json, ConversionOptions.defaults().withMaxStringLength(12));
    }

    @Provide
    Arbitrary<byte[]> documents() {
        return Arbitraries.randomValue(RawStringPathTest::document);
    }

    /** A JSON array (or JSON Lines) of records whose string values are random runs of {@link #PIECES}. */
    private static byte[] document(Random random) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        boolean lines = random.nextInt(4) == 0;
        if (random.nextInt(5) == 0) {
            json.writeBytes(hex("efbbbf"));
        }
        if (!lines) {
            json.write('[');
        }
        boolean broken = random.nextInt(3) == 0;
        int records = 1 + random.nextInt(4);
        for (int r = 0; r < records; r++) {
            if (r > 0) {
                json.writeBytes(ascii(lines ? "\n" : ",\n"));
            }
            json.write('{');
            int fields = 1 + random.nextInt(8);
            for (int f = 0; f < fields; f++) {
                if (f > 0) {
                    json.write(',');
                }
                json.writeBytes(ascii("\"k" + random.nextInt(5) + "\":"));
                switch (random.nextInt(8)) {
                    case 0 -> json.writeBytes(ascii(random.nextInt(1000) + "." + random.nextInt(100)));
                    case 1 -> { // a long plain value: past the raw scan, and moves what follows across a refill
                        json.write('"');
                        json.writeBytes(ascii("x".repeat(1 + random.nextInt(ConverterJsonFactory.INPUT_BUFFER + 100))));
                        json.write('"');
                    }
                    case 2 -> {
                        json.writeBytes(ascii("[\""));
                        json.writeBytes(value(random, broken));
                        json.writeBytes(ascii("\",{\"in\":\""));
                        json.writeBytes(value(random, broken));
                        json.writeBytes(ascii("\"}]"));
                    }
                    default -> {
                        json.write('"');
                        json.writeBytes(value(random, broken));
                        json.write('"');
                    }
                }
            }
            json.write('}');
        }
        if (!lines) {
            json.write(']');
        }
        return json.toByteArray();
    }

    /** Mostly plain values, like product data; now and then anything a JSON string can hold. */
    private static byte[] value(Random random, boolean broken) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        int pieces = random.nextInt(6);
        for (int i = 0; i < pieces; i++) {
            int dice = random.nextInt(30);
            value.writeBytes(dice < 20 ? PIECES[random.nextInt(6)]
                    : dice < 29 || !broken ? PIECES[random.nextInt(PIECES.length)] : BROKEN[random.nextInt(BROKEN.length)]);
        }
        if (random.nextInt(40) == 0) {
            value.writeBytes(ascii("y".repeat(XmlOutput.RAW_SCAN - 8 + random.nextInt(16))));
        }
        return value.toByteArray();
    }

    private static void assertSameOutcome(byte[] json, ConversionOptions options) {
        Outcome raw = convert(new JsonToXmlConverter(options, true), json);
        Outcome decoded = convert(new JsonToXmlConverter(options, false), json);
        String input = new String(json, StandardCharsets.ISO_8859_1);
        assertEquals(decoded.error, raw.error, () -> "error differs for " + input);
        assertArrayEquals(decoded.xml, raw.xml, () -> "XML differs for " + input);
        assertEquals(decoded.result, raw.result, () -> "result differs for " + input);
    }

    private record Outcome(byte[] xml, ConversionResult result, String error) {}

    private static Outcome convert(JsonToXmlConverter converter, byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ConversionResult result = converter.convert(new ByteArrayInputStream(json), out);
            return new Outcome(out.toByteArray(), result, null);
        } catch (IOException | RuntimeException e) {
            // Only the error matters: what was written before it is incomplete by contract.
            return new Outcome(new byte[0], null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Test
    void utf8InputGetsTheRawParserAndItCopiesPlainStrings() throws IOException {
        ConverterJsonFactory factory = new ConverterJsonFactory(new JsonFactoryBuilder(), true);
        for (byte[] json : List.of(ascii("{\"a\":\"b&c\"}"), concat(hex("efbbbf"), ascii("{\"a\":\"b&c\"}")))) {
            try (JsonParser parser = factory.createParser(new ByteArrayInputStream(json))) {
                RawStringParser raw = assertInstanceOf(RawStringParser.class, parser);
                assertEquals(JsonToken.START_OBJECT, raw.nextToken());
                assertEquals(JsonToken.FIELD_NAME, raw.nextToken());
                assertEquals(JsonToken.VALUE_STRING, raw.nextToken());
                assertTrue(raw.hasRawString());
                XmlOutput x = new XmlOutput(new ByteArrayOutputStream(), 1 << 16, false);
                int quote = x.rawTextElement(ElementName.of("a"), raw.rawBuffer(), raw.rawStart(), raw.rawEnd());
                assertEquals(json.length - 2, quote, "index of the closing quote");
                raw.skipRawString(quote);
                assertEquals(JsonToken.END_OBJECT, raw.nextToken());
                assertEquals(json.length, raw.currentLocation().getByteOffset(), "byte offsets count from the first byte, BOM included");
            }
        }
    }

    @Test
    void utf16And32InputStillConvertsThroughJacksonsDetection() {
        String json = "[{\"name\":\"Maison Lumière & Co <b>\",\"emoji\":\"😀\"}]";
        byte[] expected = Convert.text(json).xml();
        for (String charset : List.of("UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE")) {
            Charset cs = Charset.forName(charset);
            Convert.Output out = Convert.bytes(json.getBytes(cs), ConversionOptions.defaults());
            assertArrayEquals(expected, out.xml(), charset);
            assertEquals(1, out.result().records(), charset);
        }
        Convert.Output withBom = Convert.bytes(("\uFEFF" + json).getBytes(StandardCharsets.UTF_16BE), ConversionOptions.defaults());
        assertArrayEquals(expected, withBom.xml());
    }

    @Test
    void rawTextElementWritesNothingWhenItGivesUp() throws IOException {
        ElementName t = ElementName.of("t");
        for (byte[] content : List.of(ascii("ab\\ncd\""), concat(ascii("ab"), hex("efbfbe"), ascii("\"")), ascii("no quote"),
                concat(ascii("ab"), hex("c3")), concat(ascii("x"), new byte[] {0x01}, ascii("\"")))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            XmlOutput x = new XmlOutput(out, 1 << 16, false);
            x.raw(ascii("<r>"));
            assertEquals(-1, x.rawTextElement(t, content, 0, content.length), () -> new String(content, StandardCharsets.ISO_8859_1));
            x.flush();
            assertEquals("<r>", out.toString(StandardCharsets.UTF_8));
        }
        byte[] fine = concat(utf8("a<é€😀&>"), ascii("\""));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XmlOutput x = new XmlOutput(out, 1 << 16, false);
        assertEquals(fine.length - 1, x.rawTextElement(t, fine, 0, fine.length));
        x.flush();
        assertEquals("<t>a&lt;é€😀&amp;&gt;</t>", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aStringLongerThanTheRawScanIsLeftToTheParser() throws IOException {
        byte[] content = concat(ascii("z".repeat(XmlOutput.RAW_SCAN)), ascii("\""));
        XmlOutput x = new XmlOutput(new ByteArrayOutputStream(), 1 << 16, false);
        assertEquals(-1, x.rawTextElement(ElementName.of("t"), content, 0, content.length));
        byte[] shorter = Arrays.copyOfRange(content, 1, content.length);
        assertEquals(shorter.length - 1, x.rawTextElement(ElementName.of("t"), shorter, 0, shorter.length));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
