package com.productflow.functions.convert;

import com.productflow.samples.ProductGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * What {@link ConvertPriming} converts: product feeds generated in memory when priming starts, deterministically
 * (the generator of {@code ./productflow generate}, own seed), in the shapes real feeds come in, so the JIT's
 * profile holds the paths a first real file takes: a compact JSON array (one product a line, as
 * {@code generate} writes it), a pretty-printed array, JSON Lines, a gzipped array; and in the compact ones, every
 * {@link #EDGE_EVERY}th record is {@link #EDGE}, a product carrying every value type and escape the converter
 * handles. Nothing is bundled: the jar carries the generator's few classes, not megabytes of samples.
 */
final class PrimingFeeds {
    /** Not the generator's default (42): the files of {@code generate} and the benches are not the priming's own. */
    static final long SEED = 20_261_202L;
    /** Products generated, then repeated: about 1.1 KB each compact. */
    static final int BLOCK = 1_000;
    /** Products in the compact feed (about 1.1 KB each). */
    static final int PRODUCTS = 6 * BLOCK;
    static final int EDGE_EVERY = 100;

    /**
     * A product with every kind of value: known fields of the right types; strings with JSON escapes (quotes,
     * backslash, {@code \/}, {@code \t}, {@code \u00e9}, a surrogate pair), XML specials and non-ASCII; a string
     * longer than the converter scans raw; null, true, false, negative, exponent and 30-digit numbers; empty, nested
     * and mixed arrays and objects; keys that are not XML names. Unknown keys go to Parquet's {@code extra}.
     */
    static final String EDGE = "{\"ean\":\"5710000000017\",\"styleNumber\":\"10000001\",\"styleOption\":\"10000001_1001\","
            + "\"size\":\"M\",\"color\":\"Caf\\u00e9 \\\"Noir\\\"\",\"brandName\":\"Smith & Sons <Ltd>\",\"brandcode\":\"SS\","
            + "\"subbrandName\":null,\"productCategory\":\"Tops\",\"productSubcategory\":\"T-shirts\",\"gender\":\"Unisex\","
            + "\"ediSeason\":\"SS27\",\"ediStyleName\":\"tab\\there back\\\\slash a\\/b \\ud83d\\udc56\","
            + "\"countryOfOrigin\":[],\"itemSellingPrices\":[{\"priceType\":\"EDI Retail Price\",\"priceCurrency\":\"Euro\","
            + "\"price\":12.5,\"validInRegion\":\"Österreich\"}],\"itemGrossPrices\":[],\"b2bReadinessDate\":\"2026-11-20\","
            + "\"articleStatus\":\"created\",\"enrichmentStatus\":\"enriched\",\"createdOn\":\"2026-09-14T07:30:00Z\","
            + "\"lastUpdated\":\"2026-10-01T00:00:00Z\",\"fabricCompositions\":[{\"material\":\"Cotton\",\"percentage\":100}],"
            + "\"washingInstructions\":[\"Wash at 30°C\",\"Line one\\r\\nline two\"],"
            + "\"ediDescription\":\"" + "Long & <detailed> text, é — 限定 ".repeat(160) + "\","
            + "\"active\":true,\"discontinued\":false,\"stock\":-12,\"weightKg\":1.5E-3,\"ratio\":-0.25,"
            + "\"serial\":123456789012345678901234567890,\"dimensions\":{\"heightCm\":12,\"widthCm\":30.5,\"extra\":{}},"
            + "\"matrix\":[[1,2],[3,null],[]],\"flags\":[true,false,null,\"x\",4.5,{\"k\":\"v\"}],"
            + "\"attributes\":{\"bad key!\":\"y\",\"1st\":\"z\",\"x:y\":\"\",\"ünïcode\":\"ü\"}}";

    /** Records of {@link #otherKeys}, each with four keys of its own. */
    static final int OTHER_KEY_RECORDS = 16;

    /** One priming input: its name (for the log) and its bytes. */
    record Feed(String name, byte[] bytes) {}

    private PrimingFeeds() {}

    /**
     * The feeds, generated anew (the same bytes on every call). A block of {@link #BLOCK} products is generated once
     * and repeated: generating every product would make the generator itself hot, and C2 would spend on it the time
     * priming needs for the conversion.
     */
    static List<Feed> generate() {
        try {
            byte[] block = jsonLines(BLOCK);
            byte[] compact = compactArray(repeat(block, PRODUCTS / BLOCK));
            byte[] pretty = repeatArray(pretty(BLOCK / 4), 4);
            return List.of(new Feed("compact JSON", compact), new Feed("pretty JSON", pretty),
                    new Feed("JSON Lines", withEdges(repeat(block, 2), "\n", "", "\n")),
                    new Feed("gzipped JSON", gzip(compactArray(block))), otherKeys());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] repeat(byte[] bytes, int copies) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * copies);
        for (int i = 0; i < copies; i++) {
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    /** One JSON array holding the elements of the array {@code json}, {@code copies} times over. */
    private static byte[] repeatArray(byte[] json, int copies) {
        String array = new String(json, StandardCharsets.UTF_8).strip();
        String elements = array.substring(1, array.length() - 1).strip();
        return ("[\n  " + String.join(",\n  ", Collections.nCopies(copies, elements)) + "\n]\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A small array of keys no other feed has, of every length Jackson parses differently (up to 4, 8, 12 and more
     * bytes), converted at the end of each round: in the first round the parser meets them when its profile is being
     * recorded, so C2 compiles the path of a key missing from Jackson's name table instead of leaving a trap there
     * (a real feed's first file brings keys priming never showed; a trap would deoptimise the parser on its first
     * record). The keys are the same each round: Jackson keeps names in its factory's table (a cache every
     * conversion fills), and a table growing round after round takes new paths and deoptimises the parser again.
     */
    static Feed otherKeys() {
        StringBuilder out = new StringBuilder("[\n");
        for (int i = 0; i < OTHER_KEY_RECORDS; i++) {
            out.append(i == 0 ? "" : ",\n").append("{\"ean\":\"5710000000017\",\"k").append(i).append("\":1,\"key_")
                    .append(i).append("\":\"v\",\"mid_key_").append(i).append("\":true,\"a_much_longer_key_")
                    .append(i).append("\":null}");
        }
        return new Feed("other keys", out.append("\n]\n").toString().getBytes(StandardCharsets.UTF_8));
    }

    private static ProductGenerator generator() {
        return new ProductGenerator(SEED);
    }

    /** {@code count} products as JSON Lines (compact, LF). */
    private static byte[] jsonLines(int count) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(count * 1200);
        generator().write(ProductGenerator.Format.JSONL, count, out);
        return out.toByteArray();
    }

    private static byte[] pretty(int count) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(count * 2400);
        generator().writePrettyJson(count, out);
        return out.toByteArray();
    }

    /** JSON Lines framed as one array, one product a line (the shape of {@code generate}'s JSON), with the edge records. */
    private static byte[] compactArray(byte[] lines) {
        return withEdges(lines, ",\n", "[\n", "\n]\n");
    }

    /** The lines of {@code lines}, {@link #EDGE} after every {@link #EDGE_EVERY}th, joined by {@code separator}. */
    private static byte[] withEdges(byte[] lines, String separator, String start, String end) {
        String[] records = new String(lines, StandardCharsets.UTF_8).split("\n");
        StringBuilder out = new StringBuilder(lines.length + lines.length / EDGE_EVERY * 2 + 64).append(start);
        for (int i = 0; i < records.length; i++) {
            out.append(i == 0 ? "" : separator).append(records[i]);
            if (i % EDGE_EVERY == EDGE_EVERY - 1) {
                out.append(separator).append(EDGE);
            }
        }
        return out.append(end).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4);
        try (GZIPOutputStream zip = new GZIPOutputStream(out, 1 << 16)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }
}
