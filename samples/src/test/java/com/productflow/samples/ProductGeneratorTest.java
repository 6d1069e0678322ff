package com.productflow.samples;

import com.productflow.common.Ean13;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productflow.samples.ProductGenerator.Format;
import com.productflow.samples.ProductGenerator.WriteResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProductGeneratorTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final LocalDate REFERENCE = ProductGenerator.DEFAULT_REFERENCE_DATE;
    private static final Pattern PRICE = Pattern.compile("\\d+\\.\\d\\d");

    @Test
    void everyEanIsValidAndUnique() {
        ProductGenerator generator = new ProductGenerator(7);
        Set<String> eans = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            String ean = generator.next().ean();
            if (!Ean13.isValid(ean) || !eans.add(ean)) {
                throw new AssertionError("invalid or duplicate EAN " + ean + " at product " + i);
            }
        }
        assertThat(eans).hasSize(200_000);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void sameSeedGivesTheSameBytesAndOtherSeedsDoNot(Format format) throws IOException {
        byte[] a = bytes(new ProductGenerator(42, REFERENCE), format, 300);
        byte[] b = bytes(new ProductGenerator(42, REFERENCE), format, 300);
        byte[] otherSeed = bytes(new ProductGenerator(43, REFERENCE), format, 300);
        byte[] otherDate = bytes(new ProductGenerator(42, REFERENCE.minusDays(1)), format, 300);
        assertThat(a).isEqualTo(b);
        assertThat(otherSeed).isNotEqualTo(a);
        assertThat(otherDate).isNotEqualTo(a);
        assertThat(bytes(new ProductGenerator(), format, 300)).as("default seed is 42").isEqualTo(a);
    }

    @Test
    void jsonIsOneArrayOfProductsWithTheMissionArrays() throws IOException {
        byte[] json = bytes(new ProductGenerator(1), Format.JSON, 2_000);
        JsonNode root = MAPPER.readTree(json);
        assertThat(root.isArray()).isTrue();
        assertThat(root.size()).isEqualTo(2_000);
        int recent = 0;
        for (JsonNode product : root) {
            checkProduct(product);
            LocalDate ready = LocalDate.parse(product.get("b2bReadinessDate").asText());
            if (!ready.isBefore(REFERENCE.minusDays(30)) && !ready.isAfter(REFERENCE)) {
                recent++;
            }
        }
        // The extract selects readiness within the last 30 days: a good share must qualify.
        assertThat(recent).isBetween(600, 1_200);
        // One product per line, so line numbers in error messages mean something.
        assertThat(new String(json, UTF_8).split("\n")).hasSize(2_000 + 2);
    }

    private static void checkProduct(JsonNode p) {
        assertThat(Ean13.isValid(p.get("ean").asText())).isTrue();
        assertThat(p.get("styleNumber").asText()).matches("\\d{8}");
        assertThat(p.get("styleOption").asText()).startsWith(p.get("styleNumber").asText() + "_");
        for (String field : List.of("size", "color", "brandName", "brandcode", "productCategory",
                "productSubcategory", "gender", "ediSeason", "ediStyleName", "articleStatus", "enrichmentStatus",
                "ediDescription")) {
            assertThat(p.get(field).isTextual()).as(field).isTrue();
            assertThat(p.get(field).asText()).as(field).isNotBlank();
        }
        assertThat(p.get("subbrandName").isNull() || p.get("subbrandName").isTextual()).isTrue();
        JsonNode origin = p.get("countryOfOrigin");
        assertThat(origin.isArray()).isTrue();
        assertThat(origin.get(0).get("language").asText()).isEqualTo("English");
        assertThat(origin.get(0).get("value").asText()).matches("[A-Z]{2}");
        for (String field : List.of("itemSellingPrices", "itemGrossPrices")) {
            JsonNode prices = p.get(field);
            assertThat(prices.isArray() && prices.size() > 0).as(field).isTrue();
            for (JsonNode price : prices) {
                assertThat(price.get("priceType").asText()).startsWith("EDI ");
                assertThat(price.get("priceCurrency").asText()).isIn("Euro", "US Dollar", "Pound Sterling");
                assertThat(price.get("price").isNumber()).isTrue();
                assertThat(price.get("validInRegion").asText()).isNotBlank();
            }
            assertThat(prices.get(0).get("priceCurrency").asText()).isEqualTo("Euro");
            assertThat(prices.get(0).get("validInRegion").asText()).isEqualTo("Austria");
        }
        int total = 0;
        for (JsonNode part : p.get("fabricCompositions")) {
            assertThat(part.get("material").asText()).isNotBlank();
            assertThat(part.get("percentage").isInt()).isTrue();
            total += part.get("percentage").asInt();
        }
        assertThat(total).as("fabric percentages of %s", p.get("ean")).isEqualTo(100);
        assertThat(p.get("washingInstructions").isArray()).isTrue();
        for (JsonNode instruction : p.get("washingInstructions")) {
            assertThat(instruction.isTextual()).isTrue();
        }
        Instant created = Instant.parse(p.get("createdOn").asText());
        Instant updated = Instant.parse(p.get("lastUpdated").asText());
        assertThat(updated).isAfterOrEqualTo(created);
        assertThat(updated).isBefore(REFERENCE.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
    }

    @Test
    void pricesAreWrittenAsExactDecimalText() throws IOException {
        String json = new String(bytes(new ProductGenerator(3), Format.JSON, 500), UTF_8);
        JsonNode root = MAPPER.readTree(json);
        Set<String> seen = new HashSet<>();
        for (JsonNode product : root) {
            for (JsonNode price : product.get("itemSellingPrices")) {
                String text = price.get("price").decimalValue().toPlainString();
                seen.add(text);
            }
        }
        // Written as 39.99, never 39.990000001 or 4.5E1; whole-dollar prices keep their .00.
        assertThat(json).containsPattern("\"price\":\\d+\\.99,").containsPattern("\"price\":\\d+\\.00,");
        assertThat(json).doesNotContainPattern("\"price\":[^,}]*[eE]");
        java.util.regex.Matcher prices = Pattern.compile("\"price\":([^,}]+)").matcher(json);
        while (prices.find()) {
            assertThat(prices.group(1)).matches(PRICE);
        }
        assertThat(seen).contains("39.99");
    }

    @Test
    void prettyJsonHoldsTheSameProductsAsCompactJson() throws IOException {
        ByteArrayOutputStream pretty = new ByteArrayOutputStream();
        new ProductGenerator(5).writePrettyJson(50, pretty);
        JsonNode compact = MAPPER.readTree(bytes(new ProductGenerator(5), Format.JSON, 50));
        assertThat(MAPPER.readTree(pretty.toByteArray())).isEqualTo(compact);
        assertThat(pretty.toString(UTF_8)).contains("\n    \"ean\": \"");
    }

    @Test
    void jsonLinesHasOneObjectPerLineMatchingTheJsonArray() throws IOException {
        String lines = new String(bytes(new ProductGenerator(9), Format.JSONL, 1_000), UTF_8);
        JsonNode array = MAPPER.readTree(bytes(new ProductGenerator(9), Format.JSON, 1_000));
        assertThat(lines).endsWith("}\n");
        String[] split = lines.split("\n", -1);
        assertThat(split).hasSize(1_001); // the last element is the empty rest after the final LF
        for (int i = 0; i < 1_000; i++) {
            JsonNode product = MAPPER.readTree(split[i]);
            assertThat(product.isObject()).isTrue();
            assertThat(product).isEqualTo(array.get(i));
        }
    }

    @Test
    void csvIsRfc4180WithTheMissionHeaderAndSurvivesNastyText() throws IOException {
        byte[] bytes = bytes(new ProductGenerator(11), Format.CSV, 3_000);
        List<List<String>> records = Rfc4180.parse(new String(bytes, UTF_8));
        assertThat(records.get(0)).containsExactlyElementsOf(Product.CSV_COLUMNS);
        assertThat(records).hasSize(3_001);
        ProductGenerator same = new ProductGenerator(11);
        int multiLine = 0;
        int quoted = 0;
        for (List<String> record : records.subList(1, records.size())) {
            assertThat(record).hasSize(26);
            String[] expected = same.next().csvValues();
            for (int i = 0; i < expected.length; i++) {
                assertThat(record.get(i)).as("column %s", Product.CSV_COLUMNS.get(i))
                        .isEqualTo(expected[i] == null ? "" : expected[i]);
            }
            String description = record.get(25);
            multiLine += description.contains("\n") ? 1 : 0;
            quoted += description.contains("\"") ? 1 : 0;
            new BigDecimal(record.get(14)); // prices are decimals
            LocalDate.parse(record.get(18));
        }
        assertThat(multiLine).isPositive();
        assertThat(quoted).isPositive();
        assertThat(new String(bytes, UTF_8)).contains("\r\nline two").doesNotContain("\n\n");
    }

    @Test
    void nastyTextAppearsAtTheDocumentedRate() throws IOException {
        ProductGenerator generator = new ProductGenerator(13);
        int count = 10_000;
        int nasty = 0;
        int nullSubbrand = 0;
        int noWashing = 0;
        for (int i = 0; i < count; i++) {
            Product p = generator.next();
            if (p.ediDescription().chars().anyMatch(c -> "&<>\"\n\r\t\\]'".indexOf(c) >= 0 || c > 127)) {
                nasty++;
            }
            nullSubbrand += p.subbrandName() == null ? 1 : 0;
            noWashing += p.washingInstructions().isEmpty() ? 1 : 0;
        }
        double rate = nasty / (double) count;
        assertThat(rate).isBetween(ProductGenerator.NASTY_PERCENT / 100.0 - 0.02, ProductGenerator.NASTY_PERCENT / 100.0 + 0.02);
        assertThat(nullSubbrand).isBetween(100, 1_000);
        assertThat(noWashing).isBetween(50, 700);

        String json = new String(bytes(new ProductGenerator(13), Format.JSON, 2_000), UTF_8);
        JsonNode root = MAPPER.readTree(json);
        StringBuilder descriptions = new StringBuilder();
        root.forEach(p -> descriptions.append(p.get("ediDescription").asText()).append('\u0000'));
        for (String needle : List.of("&", "<", ">", "\"", ",", "\n", "\r\n", "\t", "\\", "°", "é", "—", "Æ", "限", "👖", "]]>", "&amp;")) {
            assertThat(descriptions).as("a description with %s", needle).contains(needle);
        }
        assertThat(json).contains("\"subbrandName\":null").contains("\"washingInstructions\":[]");
    }

    @Test
    void zeroProductsGiveAnEmptyDocument() throws IOException {
        assertThat(new String(bytes(new ProductGenerator(), Format.JSON, 0), UTF_8)).isEqualTo("[]\n");
        assertThat(bytes(new ProductGenerator(), Format.JSONL, 0)).isEmpty();
        assertThat(new String(bytes(new ProductGenerator(), Format.CSV, 0), UTF_8))
                .isEqualTo(String.join(",", Product.CSV_COLUMNS) + "\r\n");
        assertThat(MAPPER.readTree(bytes(new ProductGenerator(), Format.JSON, 0)).size()).isZero();
        ByteArrayOutputStream pretty = new ByteArrayOutputStream();
        new ProductGenerator().writePrettyJson(0, pretty);
        assertThat(MAPPER.readTree(pretty.toByteArray()).isArray()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void writeUntilBytesStopsJustPastTheTarget(Format format) throws IOException {
        long target = 1_000_000;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WriteResult result = new ProductGenerator().writeUntilBytes(format, target, out);
        assertThat(result.bytes()).isEqualTo(out.size());
        assertThat(result.bytes()).isGreaterThanOrEqualTo(target).isLessThan(target + 5_000);
        // The same products as writing that count.
        assertThat(bytes(new ProductGenerator(), format, result.records())).isEqualTo(out.toByteArray());
        ByteArrayOutputStream none = new ByteArrayOutputStream();
        assertThat(new ProductGenerator().writeUntilBytes(format, 0, none).records()).isZero();
    }

    @Test
    void writeReportsRecordsAndBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WriteResult result = new ProductGenerator().write(Format.JSONL, 123, out);
        assertThat(result).isEqualTo(new WriteResult(123, out.size()));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> new ProductGenerator().write(Format.JSON, -1, new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> Format.parse("xml")).hasMessageContaining("'xml'").hasMessageContaining("json, jsonl or csv");
        assertThat(Format.parse(" JSONL ")).isEqualTo(Format.JSONL);
    }

    @Test
    void productsComeInStylesOfColoursAndSizes() {
        ProductGenerator generator = new ProductGenerator();
        Set<String> styles = new HashSet<>();
        Set<String> options = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            Product p = generator.next();
            styles.add(p.styleNumber());
            options.add(p.styleOption());
        }
        assertThat(styles.size()).isBetween(50, 400);
        assertThat(options.size()).isGreaterThan(styles.size());
    }

    private static byte[] bytes(ProductGenerator generator, Format format, long count) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        generator.write(format, count, out);
        return out.toByteArray();
    }
}
