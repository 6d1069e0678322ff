package com.productflow.samples;

import com.productflow.common.Ean13;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed files in samples/ parse, hold what the other parts rely on, and match their generator. */
class CommittedSamplesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Surefire runs in the module folder, which is samples/ itself. */
    private static final Path DIR = Path.of("").toAbsolutePath();

    @Test
    void sampleJsonHoldsTheMissionExampleAndHostileValues() throws IOException {
        String text = Files.readString(DIR.resolve(CommittedSamples.JSON), UTF_8);
        JsonNode root = MAPPER.readTree(text);
        assertThat(root.size()).isEqualTo(20);
        JsonNode example = root.get(0);
        assertThat(example.get("ean").asText()).isEqualTo("5713447649590");
        assertThat(example.get("styleNumber").asText()).isEqualTo("16050217");
        assertThat(example.get("color").asText()).isEqualTo("Black");
        assertThat(example.get("countryOfOrigin").get(0).get("language").asText()).isEqualTo("English");
        assertThat(example.get("countryOfOrigin").get(0).get("value").asText()).isEqualTo("BD");
        JsonNode price = example.get("itemSellingPrices").get(0);
        assertThat(price.get("priceType").asText()).isEqualTo("EDI Retail Price");
        assertThat(price.get("priceCurrency").asText()).isEqualTo("Euro");
        assertThat(price.get("price").decimalValue()).isEqualByComparingTo("39.99");
        assertThat(price.get("validInRegion").asText()).isEqualTo("Austria");
        assertThat(text).contains("\"price\": 39.99,");

        Set<String> eans = new HashSet<>();
        boolean nullField = false;
        boolean emptyArray = false;
        StringBuilder all = new StringBuilder();
        for (JsonNode product : root) {
            assertThat(Ean13.isValid(product.get("ean").asText())).isTrue();
            assertThat(eans.add(product.get("ean").asText())).isTrue();
            nullField |= product.get("subbrandName").isNull();
            emptyArray |= product.get("washingInstructions").isEmpty();
            all.append(product.get("ediDescription").asText());
        }
        assertThat(nullField).isTrue();
        assertThat(emptyArray).isTrue();
        for (String needle : List.of("&", "<", ">", "\"", "\n", "é", "—", "限", "👖", "]]>")) {
            assertThat(all).as("a description with %s", needle).contains(needle);
        }
    }

    @Test
    void sampleJsonLinesIsOneProductPerLine() throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve(CommittedSamples.JSONL), UTF_8);
        assertThat(lines).hasSize(5);
        for (String line : lines) {
            JsonNode product = MAPPER.readTree(line);
            assertThat(Ean13.isValid(product.get("ean").asText())).isTrue();
            assertThat(product.get("itemSellingPrices").isArray()).isTrue();
        }
    }

    @Test
    void productsCsvHasGoodRowsAndExactlyTheTwoDeliberatelyBadOnes() throws IOException {
        List<List<String>> records = Rfc4180.parse(Files.readString(DIR.resolve(CommittedSamples.CSV), UTF_8));
        assertThat(records.get(0)).containsExactlyElementsOf(Product.CSV_COLUMNS);
        List<List<String>> rows = records.subList(1, records.size());
        assertThat(rows).hasSize(50);
        List<Integer> badEans = new ArrayList<>();
        List<Integer> badDates = new ArrayList<>();
        int created = 0;
        int recentCreated = 0;
        int older = 0;
        LocalDate reference = ProductGenerator.DEFAULT_REFERENCE_DATE;
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            assertThat(row).hasSize(26);
            if (!Ean13.isValid(row.get(0))) {
                badEans.add(i + 1);
            }
            try {
                LocalDate ready = LocalDate.parse(row.get(18));
                boolean isCreated = row.get(19).equals("created");
                created += isCreated ? 1 : 0;
                if (isCreated && !ready.isBefore(reference.minusDays(30)) && !ready.isAfter(reference)) {
                    recentCreated++;
                }
                older += ready.isBefore(reference.minusDays(30)) ? 1 : 0;
            } catch (DateTimeParseException e) {
                badDates.add(i + 1);
            }
        }
        assertThat(badEans).containsExactly(CommittedSamples.CSV_BAD_EAN_ROW);
        assertThat(badDates).containsExactly(CommittedSamples.CSV_BAD_DATE_ROW);
        assertThat(created).isGreaterThan(25);
        assertThat(recentCreated).isGreaterThanOrEqualTo(5);
        assertThat(older).isGreaterThanOrEqualTo(2);
        assertThat(rows.get(0).subList(0, 5)).containsExactly("5713447649590", "16050217", "16050217_1001", rows.get(0).get(3), "Black");
        assertThat(rows.get(0).get(13)).isEqualTo("BD");
        assertThat(rows.get(0).get(14)).isEqualTo("39.99");
        String descriptions = rows.stream().map(r -> r.get(25)).reduce("", String::concat);
        for (String needle : List.of(",", "\"", "\n", "\r\n", "&", "<", "é", "°", "—")) {
            assertThat(descriptions + rows.stream().map(r -> r.get(24)).reduce("", String::concat))
                    .as("a field with %s", needle).contains(needle);
        }
    }

    @Test
    void committedFilesAreExactlyWhatCommittedSamplesWrites(@TempDir Path temp) throws IOException {
        CommittedSamples.writeAll(temp);
        for (String name : List.of(CommittedSamples.JSON, CommittedSamples.JSONL, CommittedSamples.CSV)) {
            assertThat(Files.readAllBytes(DIR.resolve(name)))
                    .as("%s is stale: regenerate it (see samples/README.md)", name)
                    .isEqualTo(Files.readAllBytes(temp.resolve(name)));
        }
    }
}
