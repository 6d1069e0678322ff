package com.productflow.samples;

import com.fasterxml.jackson.core.JsonGenerator;
import com.productflow.samples.Product.Localized;
import com.productflow.samples.Product.Price;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The committed sample files in {@code samples/}, rebuilt exactly from the generator (seed 42,
 * reference date 2026-11-25) plus a few deliberate edits: the docs/data.md example product first,
 * hostile text, a null, an empty array and, in the CSV, two bad rows for the loader to reject.
 * Run {@code java -cp local/runner/target/productflow.jar com.productflow.samples.CommittedSamples samples}.
 */
public final class CommittedSamples {
    public static final String JSON = "sample_products.json";
    public static final String JSONL = "sample_products.jsonl";
    public static final String CSV = "products.csv";

    /** The product of the XML example of docs/data.md. */
    public static final String EXAMPLE_EAN = "5713447649590";
    public static final String EXAMPLE_STYLE_NUMBER = "16050217";
    /** 1-based data rows of products.csv holding a wrong EAN check digit and an impossible date. */
    public static final int CSV_BAD_EAN_ROW = 17;
    public static final int CSV_BAD_DATE_ROW = 33;
    public static final String BAD_DATE = "2026-02-30";

    private CommittedSamples() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length == 0 ? "samples" : args[0]);
        writeAll(dir);
        System.out.println("wrote " + dir.resolve(JSON) + ", " + dir.resolve(JSONL) + ", " + dir.resolve(CSV));
    }

    public static void writeAll(Path dir) throws IOException {
        ProductGenerator generator = new ProductGenerator(ProductGenerator.DEFAULT_SEED, ProductGenerator.DEFAULT_REFERENCE_DATE);
        // Every 7th (JSON) or 3rd (CSV) product, so the few samples span many styles.
        List<Product> json = take(generator, 20, 7);
        json.set(0, missionExample(json.get(0)));
        json.set(1, describe(json.get(1), 0, 1));     // quotes, dash, &, <M>
        json.set(2, describe(json.get(2), 9, 4));     // <script>, &amp;, CJK, emoji
        json.set(3, describe(json.get(3), 2, 6));     // LF and CRLF inside text
        json.set(4, draft(json.get(4)).subbrandName(null).build());
        json.set(5, draft(json.get(5)).washingInstructions(List.of()).build());
        json.set(6, describe(json.get(6), 10, 3));    // ]]>, é, ï
        json.set(7, describe(json.get(7), 7, 8));     // tab, backslash, Æ
        try (OutputStream out = open(dir.resolve(JSON)); JsonGenerator gen = prettyJson(out)) {
            gen.writeStartArray();
            for (Product product : json) {
                ProductWriters.writeProduct(gen, product);
            }
            gen.writeEndArray();
            gen.writeRaw('\n');
        }

        List<Product> jsonl = take(generator, 5, 7);
        jsonl.set(2, describe(jsonl.get(2), 3, 8));   // é, Æ, —
        try (OutputStream out = open(dir.resolve(JSONL)); JsonGenerator gen = compactJson(out)) {
            gen.setRootValueSeparator(null);
            for (Product product : jsonl) {
                ProductWriters.writeProduct(gen, product);
                gen.writeRaw('\n');
            }
        }

        List<Product> csv = take(generator, 50, 3);
        csv.set(0, missionExample(csv.get(0)));
        csv.set(3, describe(csv.get(3), 0, 2));       // quotes and a newline
        csv.set(8, describe(csv.get(8), 6, 5));       // CRLF inside a field, quotes
        csv.set(12, describe(csv.get(12), 1, 4));     // <M>, CJK, emoji
        csv.set(21, describe(csv.get(21), 9, 3));
        csv.set(27, draft(csv.get(27)).subbrandName(null).build());
        csv.set(40, describe(csv.get(40), 7, 8));
        Product badEan = csv.get(CSV_BAD_EAN_ROW - 1);
        String ean = badEan.ean();
        char wrong = (char) ('0' + (ean.charAt(12) - '0' + 1) % 10);
        csv.set(CSV_BAD_EAN_ROW - 1, draft(badEan).ean(ean.substring(0, 12) + wrong).build());
        csv.set(CSV_BAD_DATE_ROW - 1, draft(csv.get(CSV_BAD_DATE_ROW - 1)).b2bReadinessDate(BAD_DATE).build());
        try (OutputStream out = open(dir.resolve(CSV))) {
            StringBuilder text = new StringBuilder(1 << 16);
            text.append(String.join(",", Product.CSV_COLUMNS)).append("\r\n");
            for (Product product : csv) {
                ProductWriters.csvLine(product, text);
            }
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The example of docs/data.md: EAN 5713447649590, style 16050217, Black, made in BD, 39.99 EUR in Austria. */
    static Product missionExample(Product base) {
        List<Price> selling = List.of(
                new Price("EDI Retail Price", Product.EURO, "39.99", "Austria"),
                new Price("EDI Retail Price", Product.EURO, "39.99", "Germany"),
                new Price("EDI Retail Price", Product.US_DOLLAR, "44.99", "United States"),
                new Price("EDI Retail Price", Product.POUND_STERLING, "34.99", "United Kingdom"));
        List<Price> gross = List.of(new Price("EDI Wholesale Price", Product.EURO, "16.79", "Austria"));
        return draft(base)
                .ean(EXAMPLE_EAN).styleNumber(EXAMPLE_STYLE_NUMBER).styleOption(EXAMPLE_STYLE_NUMBER + "_1001")
                .color("Black").countryOfOrigin(List.of(new Localized("English", "BD")))
                .itemSellingPrices(selling).itemGrossPrices(gross)
                .b2bReadinessDate("2026-11-20").articleStatus("created")
                .createdOn("2026-09-14T07:30:00Z").lastUpdated("2026-11-19T16:05:42Z")
                .build();
    }

    private static Product describe(Product p, int first, int second) {
        return draft(p).ediDescription(p.ediDescription() + ' ' + ProductGenerator.NASTY[first] + ". "
                + ProductGenerator.NASTY[second]).build();
    }

    private static List<Product> take(ProductGenerator generator, int count, int stride) {
        List<Product> products = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            products.add(generator.next());
            for (int skip = 1; skip < stride; skip++) {
                generator.next();
            }
        }
        return products;
    }

    private static OutputStream open(Path file) throws IOException {
        return new BufferedOutputStream(Files.newOutputStream(file));
    }

    private static JsonGenerator compactJson(OutputStream out) throws IOException {
        return ProductWriters.generator(out, false);
    }

    private static JsonGenerator prettyJson(OutputStream out) throws IOException {
        return ProductWriters.generator(out, true);
    }

    private static Draft draft(Product p) {
        return new Draft(p);
    }

    /** A mutable copy of a product, for the few hand edits above. */
    private static final class Draft {
        private String ean, styleNumber, styleOption, color, subbrandName, b2bReadinessDate, articleStatus,
                createdOn, lastUpdated, ediDescription;
        private List<Localized> countryOfOrigin;
        private List<Price> itemSellingPrices, itemGrossPrices;
        private List<String> washingInstructions;
        private final Product p;

        Draft(Product p) {
            this.p = p;
            ean = p.ean();
            styleNumber = p.styleNumber();
            styleOption = p.styleOption();
            color = p.color();
            subbrandName = p.subbrandName();
            b2bReadinessDate = p.b2bReadinessDate();
            articleStatus = p.articleStatus();
            createdOn = p.createdOn();
            lastUpdated = p.lastUpdated();
            ediDescription = p.ediDescription();
            countryOfOrigin = p.countryOfOrigin();
            itemSellingPrices = p.itemSellingPrices();
            itemGrossPrices = p.itemGrossPrices();
            washingInstructions = p.washingInstructions();
        }

        Draft ean(String v) { ean = v; return this; }
        Draft styleNumber(String v) { styleNumber = v; return this; }
        Draft styleOption(String v) { styleOption = v; return this; }
        Draft color(String v) { color = v; return this; }
        Draft subbrandName(String v) { subbrandName = v; return this; }
        Draft b2bReadinessDate(String v) { b2bReadinessDate = v; return this; }
        Draft articleStatus(String v) { articleStatus = v; return this; }
        Draft createdOn(String v) { createdOn = v; return this; }
        Draft lastUpdated(String v) { lastUpdated = v; return this; }
        Draft ediDescription(String v) { ediDescription = v; return this; }
        Draft countryOfOrigin(List<Localized> v) { countryOfOrigin = v; return this; }
        Draft itemSellingPrices(List<Price> v) { itemSellingPrices = v; return this; }
        Draft itemGrossPrices(List<Price> v) { itemGrossPrices = v; return this; }
        Draft washingInstructions(List<String> v) { washingInstructions = v; return this; }

        Product build() {
            return new Product(ean, styleNumber, styleOption, p.size(), color, p.brandName(), p.brandcode(),
                    subbrandName, p.productCategory(), p.productSubcategory(), p.gender(), p.ediSeason(),
                    p.ediStyleName(), countryOfOrigin, itemSellingPrices, itemGrossPrices, b2bReadinessDate,
                    articleStatus, p.enrichmentStatus(), createdOn, lastUpdated, p.fabricCompositions(),
                    washingInstructions, ediDescription);
        }
    }
}
