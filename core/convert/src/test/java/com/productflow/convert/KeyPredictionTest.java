package com.productflow.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The converter asks Jackson for the key that followed the previous one last time (a byte comparison
 * instead of a hash lookup). Whatever the prediction, the output must be what each record gives on
 * its own, converted by a fresh converter that has nothing to predict from.
 */
class KeyPredictionTest {
    /** Keys that trip a byte-wise comparison: escapes, prefixes, quotes, backslashes, non-ASCII, invalid names. */
    private static final String[][] KEYS = {
        {"ean", "\"ean\""},
        {"ean", "\"\\u0065an\""},      // same key, escaped in the input: bytes differ
        {"ea", "\"ea\""},              // prefix of a predicted key
        {"eanX", "\"eanX\""},          // predicted key is its prefix
        {"a\"b", "\"a\\\"b\""},
        {"a\\b", "\"a\\\\b\""},
        {"größe", "\"größe\""},
        {"色", "\"色\""},
        {"color", "\"color\""},
        {"two words", "\"two words\""},
        {"price", "\"price\""},
        {"", "\"\""},
    };

    @Test
    void recordsWithShuffledMissingAndEscapedKeysConvertAsOnTheirOwn() {
        Random random = new Random(7);
        List<String> records = new ArrayList<>();
        for (int r = 0; r < 800; r++) { // ~300 KB: Jackson's 8000-byte buffer ends fall inside keys too
            records.add(record(random, 0));
        }
        // Mostly the same order (so predictions are made), sometimes shuffled, keys missing or repeated.
        StringBuilder json = new StringBuilder("[");
        for (int r = 0; r < records.size(); r++) {
            json.append(r == 0 ? "" : random.nextInt(4) == 0 ? ",\n" : ",").append(records.get(r));
        }
        json.append("]");
        String whole = Convert.text(json.toString()).text();
        StringBuilder expected = new StringBuilder();
        for (String record : records) {
            String alone = Convert.text("[" + record + "]").text();
            expected.append(alone, alone.indexOf("<product>"), alone.lastIndexOf("</products>"));
        }
        String body = whole.substring(whole.indexOf("<product>"), whole.lastIndexOf("</products>"));
        assertEquals(expected.toString(), body);
    }

    private static String record(Random random, int level) {
        StringBuilder o = new StringBuilder("{");
        int n = random.nextInt(10) == 0 ? random.nextInt(3) : KEYS.length;
        boolean shuffled = random.nextInt(5) == 0;
        boolean first = true;
        for (int i = 0; i < n; i++) {
            String[] key = KEYS[shuffled ? random.nextInt(KEYS.length) : i];
            if (key[0].equals("ean") && key[1].contains("\\u") && random.nextInt(3) != 0) {
                continue; // the escaped spelling only now and then
            }
            if (random.nextInt(8) == 0) {
                continue; // a missing key
            }
            o.append(first ? "" : random.nextBoolean() ? "," : " ,\n ");
            first = false;
            o.append(key[1]).append(random.nextInt(6) == 0 ? " : " : ":");
            int kind = random.nextInt(level < 2 ? 7 : 5);
            switch (kind) {
                case 0, 1 -> o.append('"').append("v").append(random.nextInt(1000)).append(" & <x>").append('"');
                case 2 -> o.append(random.nextInt(100_000)).append(".").append(random.nextInt(100));
                case 3 -> o.append(random.nextBoolean());
                case 4 -> o.append("null");
                case 5 -> o.append(record(random, level + 1));
                default -> o.append("[").append(record(random, level + 1)).append(",").append(record(random, level + 1)).append("]");
            }
        }
        return o.append("}").toString();
    }

    @Test
    void anErrorRightAfterAPredictedKeyIsLocatedAsWithoutPrediction() {
        // Record 1 teaches "a" then "b"; in record 2 the predicted "b" matches and then the colon is missing.
        MalformedInputException predicted = assertThrows(MalformedInputException.class,
                () -> Convert.text("[{\"a\":1,\"b\":2},\n{\"a\":1,\"b\" 2}]"));
        MalformedInputException unpredicted = assertThrows(MalformedInputException.class,
                () -> Convert.text("[{\"x\":1,\"y\":2},\n{\"a\":1,\"b\" 2}]"));
        assertTrue(predicted.getMessage().contains("colon"), predicted.getMessage());
        assertEquals(unpredicted.line(), predicted.line());
        assertEquals(unpredicted.column(), predicted.column());
        assertEquals(unpredicted.byteOffset(), predicted.byteOffset());
        assertEquals(1, predicted.recordIndex());
    }

    @Test
    void inputEndingInsideAPredictedKeyIsAnError() {
        MalformedInputException e = assertThrows(MalformedInputException.class,
                () -> Convert.text("[{\"ean\":\"1\",\"color\":\"red\"},{\"ean\":\"2\",\"col"));
        assertEquals(1, e.recordIndex());
    }
}
