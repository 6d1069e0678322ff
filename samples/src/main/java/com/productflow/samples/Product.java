package com.productflow.samples;

import java.util.List;

/**
 * One product (one EAN) as the samples carry it. Values are kept as text, exactly as written to
 * the files: prices are decimal text such as {@code 39.99}, dates ISO-8601. Text, so that the
 * sample files can also hold deliberately bad values (a wrong check digit, an impossible date).
 * {@code subbrandName} may be null; lists may be empty, never null.
 *
 * <p>The CSV columns are derived: {@code countryOfOrigin} is the first entry's value,
 * {@code price_eur}/{@code price_usd}/{@code price_gbp} the first selling price in that currency,
 * {@code grossPrice_eur} the first Euro gross price, {@code fabricComposition} the compositions as
 * {@code 95% Cotton, 5% Elastane}, {@code washingInstructions} joined with {@code "; "}.
 */
public record Product(
        String ean,
        String styleNumber,
        String styleOption,
        String size,
        String color,
        String brandName,
        String brandcode,
        String subbrandName,
        String productCategory,
        String productSubcategory,
        String gender,
        String ediSeason,
        String ediStyleName,
        List<Localized> countryOfOrigin,
        List<Price> itemSellingPrices,
        List<Price> itemGrossPrices,
        String b2bReadinessDate,
        String articleStatus,
        String enrichmentStatus,
        String createdOn,
        String lastUpdated,
        List<FabricComposition> fabricCompositions,
        List<String> washingInstructions,
        String ediDescription) {

    public static final String EURO = "Euro";
    public static final String US_DOLLAR = "US Dollar";
    public static final String POUND_STERLING = "Pound Sterling";

    /** The CSV header of docs/data.md, in its column order. */
    public static final List<String> CSV_COLUMNS = List.of(
            "ean", "styleNumber", "styleOption", "size", "color", "brandName", "brandcode",
            "subbrandName", "productCategory", "productSubcategory", "gender", "ediSeason",
            "ediStyleName", "countryOfOrigin", "price_eur", "price_usd", "price_gbp",
            "grossPrice_eur", "b2bReadinessDate", "articleStatus", "enrichmentStatus", "createdOn",
            "lastUpdated", "fabricComposition", "washingInstructions", "ediDescription");

    public Product {
        countryOfOrigin = List.copyOf(countryOfOrigin);
        itemSellingPrices = List.copyOf(itemSellingPrices);
        itemGrossPrices = List.copyOf(itemGrossPrices);
        fabricCompositions = List.copyOf(fabricCompositions);
        washingInstructions = List.copyOf(washingInstructions);
    }

    /** {@code {language, value}}, e.g. {@code {English, BD}}. */
    public record Localized(String language, String value) {}

    /** {@code price} is decimal text written as a JSON number, e.g. {@code 39.99}. */
    public record Price(String priceType, String priceCurrency, String price, String validInRegion) {}

    public record FabricComposition(String material, int percentage) {}

    /** The CSV values of this product, in {@link #CSV_COLUMNS} order; null stays null. */
    public String[] csvValues() {
        return new String[] {
            ean, styleNumber, styleOption, size, color, brandName, brandcode, subbrandName,
            productCategory, productSubcategory, gender, ediSeason, ediStyleName,
            countryOfOrigin.isEmpty() ? null : countryOfOrigin.get(0).value(),
            firstPrice(itemSellingPrices, EURO), firstPrice(itemSellingPrices, US_DOLLAR),
            firstPrice(itemSellingPrices, POUND_STERLING), firstPrice(itemGrossPrices, EURO),
            b2bReadinessDate, articleStatus, enrichmentStatus, createdOn, lastUpdated,
            fabricComposition(), String.join("; ", washingInstructions), ediDescription
        };
    }

    /** {@code 95% Cotton, 5% Elastane}. */
    public String fabricComposition() {
        StringBuilder text = new StringBuilder(40);
        for (FabricComposition part : fabricCompositions) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(part.percentage()).append("% ").append(part.material());
        }
        return text.toString();
    }

    private static String firstPrice(List<Price> prices, String currency) {
        for (Price price : prices) {
            if (currency.equals(price.priceCurrency())) {
                return price.price();
            }
        }
        return null;
    }
}
