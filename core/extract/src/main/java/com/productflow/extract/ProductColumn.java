package com.productflow.extract;

import java.util.List;

/**
 * One column of {@code products.csv} and of the {@code products} table, in the order of docs/data.md.
 * The order is the CSV header order, the table column order and the field order of the published JSON.
 */
public record ProductColumn(String name, Type type) {

    /** How a column's text is validated, stored and published. */
    public enum Type {
        /** Free text, stored and published as a string. */
        TEXT,
        /** A decimal number such as a price: stored exactly, published as a JSON number. */
        DECIMAL,
        /** An ISO-8601 date ({@code 2024-05-01}), published as that string. */
        DATE,
        /** An ISO-8601 instant with an offset ({@code 2024-05-01T10:00:00Z}), published in UTC. */
        INSTANT
    }

    public static final List<ProductColumn> ALL = List.of(
            text("ean"),
            text("styleNumber"),
            text("styleOption"),
            text("size"),
            text("color"),
            text("brandName"),
            text("brandcode"),
            text("subbrandName"),
            text("productCategory"),
            text("productSubcategory"),
            text("gender"),
            text("ediSeason"),
            text("ediStyleName"),
            text("countryOfOrigin"),
            new ProductColumn("price_eur", Type.DECIMAL),
            new ProductColumn("price_usd", Type.DECIMAL),
            new ProductColumn("price_gbp", Type.DECIMAL),
            new ProductColumn("grossPrice_eur", Type.DECIMAL),
            new ProductColumn("b2bReadinessDate", Type.DATE),
            text("articleStatus"),
            text("enrichmentStatus"),
            new ProductColumn("createdOn", Type.INSTANT),
            new ProductColumn("lastUpdated", Type.INSTANT),
            text("fabricComposition"),
            text("washingInstructions"),
            text("ediDescription"));

    public static final int EAN = 0;
    public static final int B2B_READINESS_DATE = indexOf("b2bReadinessDate");
    public static final int ARTICLE_STATUS = indexOf("articleStatus");
    public static final int LAST_UPDATED = indexOf("lastUpdated");

    private static ProductColumn text(String name) {
        return new ProductColumn(name, Type.TEXT);
    }

    public static int indexOf(String name) {
        for (int i = 0; i < ALL.size(); i++) {
            if (ALL.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no product column " + name);
    }
}
