package com.productflow.samples;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.productflow.samples.Product.FabricComposition;
import com.productflow.samples.Product.Localized;
import com.productflow.samples.Product.Price;
import com.productflow.samples.ProductGenerator.Format;
import com.productflow.samples.ProductGenerator.WriteResult;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Streams products as JSON, JSON Lines or CSV: one product in memory at a time, whatever the
 * count. Stops at {@code maxRecords} or once {@code targetBytes} bytes are out, whichever first.
 */
final class ProductWriters {
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private ProductWriters() {}

    static WriteResult write(ProductGenerator generator, Format format, long maxRecords, long targetBytes,
                             boolean pretty, OutputStream target) throws IOException {
        Counting out = new Counting(target);
        return switch (format) {
            case JSON, JSONL -> json(generator, format == Format.JSONL, pretty, maxRecords, targetBytes, out);
            case CSV -> csv(generator, maxRecords, targetBytes, out);
        };
    }

    // ---------------------------------------------------------------- JSON and JSON Lines

    private static WriteResult json(ProductGenerator generator, boolean lines, boolean pretty, long maxRecords,
                                    long targetBytes, Counting out) throws IOException {
        long records = 0;
        try (JsonGenerator json = generator(out, pretty)) {
            if (pretty) {
                json.writeStartArray();
                while (records < maxRecords && out.count() + json.getOutputBuffered() < targetBytes) {
                    writeProduct(json, generator.next());
                    records++;
                }
                json.writeEndArray();
                json.writeRaw('\n');
            } else {
                // Products sit at the root, framed by hand: "[\n{...},\n{...}\n]\n" (one per line).
                json.setRootValueSeparator(null);
                if (!lines) {
                    json.writeRaw('[');
                }
                while (records < maxRecords && out.count() + json.getOutputBuffered() < targetBytes) {
                    if (!lines) {
                        json.writeRaw(records == 0 ? "\n" : ",\n");
                    }
                    writeProduct(json, generator.next());
                    if (lines) {
                        json.writeRaw('\n');
                    }
                    records++;
                }
                if (!lines) {
                    json.writeRaw(records == 0 ? "]\n" : "\n]\n");
                }
            }
        }
        out.flush();
        return new WriteResult(records, out.count());
    }

    /** A UTF-8 generator that leaves the stream open; pretty = two-space indents, LF, {@code "key": value}. */
    static JsonGenerator generator(OutputStream out, boolean pretty) throws IOException {
        JsonGenerator json = JSON.createGenerator(out);
        if (pretty) {
            json.setPrettyPrinter(new DefaultPrettyPrinter()
                    .withSeparators(Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n")));
        }
        return json;
    }

    private static final SerializableString EAN = name("ean");
    private static final SerializableString STYLE_NUMBER = name("styleNumber");
    private static final SerializableString STYLE_OPTION = name("styleOption");
    private static final SerializableString SIZE = name("size");
    private static final SerializableString COLOR = name("color");
    private static final SerializableString BRAND_NAME = name("brandName");
    private static final SerializableString BRANDCODE = name("brandcode");
    private static final SerializableString SUBBRAND_NAME = name("subbrandName");
    private static final SerializableString PRODUCT_CATEGORY = name("productCategory");
    private static final SerializableString PRODUCT_SUBCATEGORY = name("productSubcategory");
    private static final SerializableString GENDER = name("gender");
    private static final SerializableString EDI_SEASON = name("ediSeason");
    private static final SerializableString EDI_STYLE_NAME = name("ediStyleName");
    private static final SerializableString COUNTRY_OF_ORIGIN = name("countryOfOrigin");
    private static final SerializableString LANGUAGE = name("language");
    private static final SerializableString VALUE = name("value");
    private static final SerializableString ITEM_SELLING_PRICES = name("itemSellingPrices");
    private static final SerializableString ITEM_GROSS_PRICES = name("itemGrossPrices");
    private static final SerializableString PRICE_TYPE = name("priceType");
    private static final SerializableString PRICE_CURRENCY = name("priceCurrency");
    private static final SerializableString PRICE = name("price");
    private static final SerializableString VALID_IN_REGION = name("validInRegion");
    private static final SerializableString B2B_READINESS_DATE = name("b2bReadinessDate");
    private static final SerializableString ARTICLE_STATUS = name("articleStatus");
    private static final SerializableString ENRICHMENT_STATUS = name("enrichmentStatus");
    private static final SerializableString CREATED_ON = name("createdOn");
    private static final SerializableString LAST_UPDATED = name("lastUpdated");
    private static final SerializableString FABRIC_COMPOSITIONS = name("fabricCompositions");
    private static final SerializableString MATERIAL = name("material");
    private static final SerializableString PERCENTAGE = name("percentage");
    private static final SerializableString WASHING_INSTRUCTIONS = name("washingInstructions");
    private static final SerializableString EDI_DESCRIPTION = name("ediDescription");

    private static SerializableString name(String text) {
        return new SerializedString(text);
    }

    /** One product object; field order follows the CSV columns, with arrays in place of flat values. */
    static void writeProduct(JsonGenerator json, Product p) throws IOException {
        json.writeStartObject();
        string(json, EAN, p.ean());
        string(json, STYLE_NUMBER, p.styleNumber());
        string(json, STYLE_OPTION, p.styleOption());
        string(json, SIZE, p.size());
        string(json, COLOR, p.color());
        string(json, BRAND_NAME, p.brandName());
        string(json, BRANDCODE, p.brandcode());
        string(json, SUBBRAND_NAME, p.subbrandName());
        string(json, PRODUCT_CATEGORY, p.productCategory());
        string(json, PRODUCT_SUBCATEGORY, p.productSubcategory());
        string(json, GENDER, p.gender());
        string(json, EDI_SEASON, p.ediSeason());
        string(json, EDI_STYLE_NAME, p.ediStyleName());
        json.writeFieldName(COUNTRY_OF_ORIGIN);
        json.writeStartArray();
        for (Localized entry : p.countryOfOrigin()) {
            json.writeStartObject();
            string(json, LANGUAGE, entry.language());
            string(json, VALUE, entry.value());
            json.writeEndObject();
        }
        json.writeEndArray();
        prices(json, ITEM_SELLING_PRICES, p.itemSellingPrices());
        prices(json, ITEM_GROSS_PRICES, p.itemGrossPrices());
        string(json, B2B_READINESS_DATE, p.b2bReadinessDate());
        string(json, ARTICLE_STATUS, p.articleStatus());
        string(json, ENRICHMENT_STATUS, p.enrichmentStatus());
        string(json, CREATED_ON, p.createdOn());
        string(json, LAST_UPDATED, p.lastUpdated());
        json.writeFieldName(FABRIC_COMPOSITIONS);
        json.writeStartArray();
        for (FabricComposition part : p.fabricCompositions()) {
            json.writeStartObject();
            string(json, MATERIAL, part.material());
            json.writeFieldName(PERCENTAGE);
            json.writeNumber(part.percentage());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeFieldName(WASHING_INSTRUCTIONS);
        json.writeStartArray();
        for (String instruction : p.washingInstructions()) {
            json.writeString(instruction);
        }
        json.writeEndArray();
        string(json, EDI_DESCRIPTION, p.ediDescription());
        json.writeEndObject();
    }

    private static void prices(JsonGenerator json, SerializableString field, List<Price> prices) throws IOException {
        json.writeFieldName(field);
        json.writeStartArray();
        for (Price price : prices) {
            json.writeStartObject();
            string(json, PRICE_TYPE, price.priceType());
            string(json, PRICE_CURRENCY, price.priceCurrency());
            json.writeFieldName(PRICE);
            json.writeNumber(price.price()); // decimal text as is: 39.99 stays 39.99, 45.00 stays 45.00
            string(json, VALID_IN_REGION, price.validInRegion());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void string(JsonGenerator json, SerializableString field, String value) throws IOException {
        json.writeFieldName(field);
        if (value == null) {
            json.writeNull();
        } else {
            json.writeString(value);
        }
    }

    // ---------------------------------------------------------------- CSV (RFC 4180)

    private static final byte[] CSV_HEADER = (String.join(",", Product.CSV_COLUMNS) + "\r\n")
            .getBytes(StandardCharsets.UTF_8);

    private static WriteResult csv(ProductGenerator generator, long maxRecords, long targetBytes, Counting out)
            throws IOException {
        // Count above the buffer so the count is exact at every step.
        Counting counted = new Counting(new BufferedOutputStream(out, 1 << 16));
        counted.write(CSV_HEADER);
        StringBuilder line = new StringBuilder(1024);
        long records = 0;
        while (records < maxRecords && counted.count() < targetBytes) {
            line.setLength(0);
            csvLine(generator.next(), line);
            counted.write(line.toString().getBytes(StandardCharsets.UTF_8));
            records++;
        }
        counted.flush();
        return new WriteResult(records, counted.count());
    }

    /** Appends one CSV record, CRLF included. */
    static void csvLine(Product product, StringBuilder line) {
        String[] values = product.csvValues();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            csvField(values[i], line);
        }
        line.append("\r\n");
    }

    /** Null and empty are both an empty field; quotes only when the value needs them. */
    static void csvField(String value, StringBuilder line) {
        if (value == null || value.isEmpty()) {
            return;
        }
        boolean quote = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                quote = true;
                break;
            }
        }
        if (!quote) {
            line.append(value);
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                line.append('"');
            }
            line.append(c);
        }
        line.append('"');
    }

    /** Counts bytes passed through; not buffered. */
    private static final class Counting extends FilterOutputStream {
        private long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            out.write(buffer, offset, length);
            count += length;
        }

        long count() {
            return count;
        }
    }
}
