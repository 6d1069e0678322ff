package com.productflow.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** Depth, string and number limits: clear errors naming the setting, never a StackOverflowError. */
class LimitsTest {
    @Test
    void defaultDepthAllowsAtLeast500Levels() {
        int depth = 999; // record object + 998 nested containers = the default limit 1000 minus one
        String json = "[{\"a\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}]";
        Element e = Xml.parse(Convert.text(json).xml()).getDocumentElement();
        int levels = 0;
        while (!Xml.children(e).isEmpty()) {
            e = Xml.children(e).get(0);
            levels++;
        }
        assertEquals(depth, levels, "product > a > item... (the root not counted)");
    }

    @Test
    void hugeNestingIsAClearErrorNotAStackOverflow() {
        String json = "[{\"a\":" + "[".repeat(200_000);
        MalformedInputException e = assertThrows(MalformedInputException.class, () -> Convert.text(json));
        assertTrue(e.getMessage().contains("nesting deeper than 1000 levels (setting CONVERT_MAX_DEPTH)"), e.getMessage());
        assertEquals(0, e.recordIndex());
    }

    @Test
    void depthIsASetting() {
        ConversionOptions shallow = ConversionOptions.defaults().withMaxDepth(3);
        Convert.text("[{\"a\":{\"b\":{}}}]", shallow);
        MalformedInputException e = assertThrows(MalformedInputException.class,
                () -> Convert.text("[{\"a\":{\"b\":{\"c\":{}}}}]", shallow));
        assertTrue(e.getMessage().contains("deeper than 3"), e.getMessage());
    }

    @Test
    void multiMegabyteTextsAreFineAndTheLimitIsASetting() {
        String big = "é&<".repeat(1_000_000);
        Element p = Xml.children(Xml.parse(Convert.text("[{\"t\":\"" + big + "\"}]").xml()).getDocumentElement()).get(0);
        assertEquals(big, Xml.child(p, "t").getTextContent());

        ConversionOptions small = ConversionOptions.defaults().withMaxStringLength(1000);
        MalformedInputException e = assertThrows(MalformedInputException.class,
                () -> Convert.text("[{\"t\":\"" + "x".repeat(1001) + "\"}]", small));
        assertTrue(e.getMessage().contains("CONVERT_MAX_STRING_LENGTH"), e.getMessage());
    }

    @Test
    void longNumbersKeepEveryDigitUpToTheLimit() {
        String digits = "9".repeat(5000) + ".5E-" + "1".repeat(10);
        Element p = Xml.children(Xml.parse(Convert.text("[{\"n\":" + digits + "}]").xml()).getDocumentElement()).get(0);
        assertEquals(digits, Xml.child(p, "n").getTextContent());
        ConversionOptions small = ConversionOptions.defaults().withMaxNumberLength(50);
        MalformedInputException e = assertThrows(MalformedInputException.class,
                () -> Convert.text("[{\"n\":" + "1".repeat(60) + "}]", small));
        assertTrue(e.getMessage().contains("CONVERT_MAX_NUMBER_LENGTH"), e.getMessage());
    }
}
