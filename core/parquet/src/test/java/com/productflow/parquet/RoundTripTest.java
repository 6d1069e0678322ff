package com.productflow.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.productflow.convert.ConversionResult;
import com.productflow.convert.FileConversion;
import com.productflow.convert.MalformedInputException;
import com.productflow.convert.ProgressListener;
import com.productflow.common.io.Sha256;
import com.productflow.samples.ProductGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** JSON → Parquet → parquet-java's reader: every value of every record equals what the input held. */
class RoundTripTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = ProductGenerator.Format.class, names = {"JSON", "JSONL"})
    void generatedProductsComeBackValueForValue(ProductGenerator.Format format) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new ProductGenerator(11).write(format, 3000, json);
        // small row groups, so several are written and read back
        Path out = convert(json.toByteArray(), ParquetOptions.defaults().withRowGroupBytes(256 << 10));

        assertSameValues(json.toByteArray(), format == ProductGenerator.Format.JSONL, ParquetRows.read(out));
    }

    @Test
    void committedSamplesComeBackValueForValue() throws IOException {
        byte[] json = Files.readAllBytes(Path.of("../../samples/sample_products.json"));
        Path out = convert(json, ParquetOptions.defaults());
        List<Map<String, Object>> rows = ParquetRows.read(out);
        assertSameValues(json, false, rows);
        assertThat(rows.get(0).get("ean")).isEqualTo("5713447649590");
        assertThat(rows.get(0).get("itemSellingPrices").toString()).contains("price=39.9900");
    }

    @Test
    void unknownKeysWrongTypesAndNullsAreExact() throws IOException {
        String json = """
                [{"ean":"1","size":40,"brandName":null,"color":"Blue","b2bReadinessDate":"2026-02-30",
                  "createdOn":"2026-09-14T09:30:00+02:00","lastUpdated":"2026-09-14T09:30:00.123456Z",
                  "itemSellingPrices":[{"price":39.99,"x":1e21},null,{"price":"12"},{"price":1.00001}],
                  "washingInstructions":[],"fabricCompositions":null,"new key":{"a":[1,2.50,true,null]},
                  "countryOfOrigin":"DK"},
                 {}]
                """;
        Path out = convert(json.getBytes(StandardCharsets.UTF_8), ParquetOptions.defaults());
        List<Map<String, Object>> rows = ParquetRows.read(out);
        assertThat(rows).hasSize(2);
        Map<String, Object> r = rows.get(0);
        assertThat(r.get("ean")).isEqualTo("1");
        assertThat(r).doesNotContainKeys("size", "brandName", "b2bReadinessDate", "fabricCompositions", "countryOfOrigin");
        assertThat(r.get("createdOn").toString()).isEqualTo("2026-09-14T07:30:00Z");
        assertThat(r.get("lastUpdated").toString()).isEqualTo("2026-09-14T09:30:00.123456Z");
        assertThat(r.get("washingInstructions")).isEqualTo(List.of());
        assertThat(r.get("extra")).isEqualTo(Map.of(
                "size", "40",
                "b2bReadinessDate", "\"2026-02-30\"",
                "itemSellingPrices[0].x", "1e21",
                "itemSellingPrices[2].price", "\"12\"",
                "itemSellingPrices[3].price", "1.00001",
                "new key", "{\"a\":[1,2.50,true,null]}",
                "countryOfOrigin", "\"DK\""));
        List<?> prices = (List<?>) r.get("itemSellingPrices");
        assertThat(prices).hasSize(4);
        assertThat(prices.get(1)).isNull();
        assertThat(prices.get(2)).isEqualTo(Map.of());
        assertThat(rows.get(1)).isEmpty();
        assertSameValues(json.getBytes(StandardCharsets.UTF_8), false, rows);
    }

    @Test
    void rejectNamesTheRecordAndTheField() {
        String json = "[{\"ean\":\"1\"},\n{\"ean\":\"2\",\"itemGrossPrices\":[{\"price\":\"abc\"}]}]";
        assertThatThrownBy(() -> convert(json.getBytes(StandardCharsets.UTF_8),
                ParquetOptions.defaults().withWrongType(WrongType.REJECT)))
                .isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("field itemGrossPrices[0].price is the string 'abc', expected decimal(18,4)")
                .hasMessageContaining("record index 1")
                .hasMessageContaining("line 2");
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void badJsonFailsLikeTheXmlConverterAndLeavesNothing() {
        assertThatThrownBy(() -> convert("[{\"ean\":\"1\"}, 5]".getBytes(StandardCharsets.UTF_8), ParquetOptions.defaults()))
                .isInstanceOf(MalformedInputException.class).hasMessageContaining("record index 1");
        assertThatThrownBy(() -> convert(new byte[0], ParquetOptions.defaults()))
                .isInstanceOf(MalformedInputException.class).hasMessageContaining("input is empty");
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void resultCountsAndHashesWhatWasReadAndWritten() throws IOException {
        byte[] json = "{\"ean\":\"1\"}\n{\"ean\":\"2\"}\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConversionResult r = new JsonToParquetConverter().convert(new ByteArrayInputStream(json), out);
        assertThat(r.records()).isEqualTo(2);
        assertThat(r.bytesIn()).isEqualTo(json.length);
        assertThat(r.inputSha256()).isEqualTo(Sha256.of(json));
        assertThat(r.bytesOut()).isEqualTo(out.size());
        assertThat(r.outputSha256()).isEqualTo(Sha256.of(out.toByteArray()));
        byte[] bytes = out.toByteArray();
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        assertThat(new String(bytes, bytes.length - 4, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
    }

    private Path convert(byte[] json, ParquetOptions options) throws IOException {
        Path out = dir.resolve("out.parquet");
        ConversionResult r = FileConversion.convert(new JsonToParquetConverter(options), new ByteArrayInputStream(json),
                out, ProgressListener.NONE);
        assertThat(r.bytesOut()).isEqualTo(Files.size(out));
        return out;
    }

    static void assertSameValues(byte[] json, boolean lines, List<Map<String, Object>> rows) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        if (lines) {
            for (String line : new String(json, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    records.add(ExpectedRows.parse(line.getBytes(StandardCharsets.UTF_8)));
                }
            }
        } else {
            ExpectedRows.parse(json).forEach(records::add);
        }
        assertThat(rows).hasSize(records.size());
        for (int i = 0; i < records.size(); i++) {
            assertThat(ExpectedRows.withParsedExtra(rows.get(i))).as("record %d", i).isEqualTo(ExpectedRows.of(records.get(i)));
        }
    }
}
