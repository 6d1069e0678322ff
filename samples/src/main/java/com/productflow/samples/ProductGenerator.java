package com.productflow.samples;

import com.productflow.common.Ean13;
import com.productflow.samples.Product.FabricComposition;
import com.productflow.samples.Product.Localized;
import com.productflow.samples.Product.Price;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes realistic fashion/B2B products, deterministically: the same seed and reference date give
 * the same products, byte for byte, on any JVM (own SplitMix64, no {@code java.util.Random}, no
 * clock, no locale). Products come in styles: each style has 1-3 colours times 2-6 sizes, one EAN
 * each, like a real catalogue.
 *
 * <p>EANs are unique for the first 10^9 products of a generator: prefix {@code 571}, then a
 * seeded bijection of the product index over 9 digits, then the check digit.
 *
 * <p>About {@value #NASTY_PERCENT}% of products carry hostile text in {@code ediDescription}
 * ({@code & < > " ,} newlines, CRLF, tab, backslash, {@code ° é — Æ}, CJK, an emoji, {@code ]]>}).
 * Some styles have a null {@code subbrandName} or no washing instructions. Readiness dates are
 * relative to the reference date: ~45% within the 30 days before it, ~35% older, ~20% after it.
 *
 * <p>Not thread-safe; a generator is a sequence: each {@link #next()} (and each {@code write})
 * continues where the last stopped. Use a new generator to start again.
 */
public final class ProductGenerator {
    public static final long DEFAULT_SEED = 42L;
    public static final LocalDate DEFAULT_REFERENCE_DATE = LocalDate.of(2026, 11, 25);
    /** Percentage of products whose ediDescription holds hostile characters. */
    public static final int NASTY_PERCENT = 12;
    /** EANs stay unique up to this many products per generator. */
    public static final long MAX_UNIQUE = 1_000_000_000L;

    /** Output formats of {@link #write}. */
    public enum Format {
        /** One JSON array; one product object per line (compact) or pretty-printed. */
        JSON,
        /** One compact JSON object per line, LF line ends. */
        JSONL,
        /** RFC 4180: header row, CRLF line ends, quoted where needed. */
        CSV;

        /** Lower-case name: json, jsonl, csv. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses json|jsonl|csv, case-insensitive; IllegalArgumentException names the bad value. */
        public static Format parse(String text) {
            for (Format format : values()) {
                if (format.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                    return format;
                }
            }
            throw new IllegalArgumentException("unknown format '" + text + "' (expected json, jsonl or csv)");
        }
    }

    /** What a write produced: products written and bytes handed to the output stream. */
    public record WriteResult(long records, long bytes) {}

    private static final long EAN_PREFIX = 571_000_000_000L;
    private static final long EAN_MULTIPLIER = 738_219_643L; // odd, not a multiple of 5: a bijection mod 10^9
    private static final long STYLE_RANGE = 90_000_000L;
    private static final long STYLE_MULTIPLIER = 7_777_777L; // coprime to 90,000,000

    private final SplitMix64 random;
    private final LocalDate referenceDate;
    private final long referenceEpochSecond;
    private final long referenceEpochDay;
    private final long eanOffset;
    private final long styleOffset;

    private long produced;
    private long styles;
    private Style style;
    private int colorIndex;
    private int sizeIndex;

    public ProductGenerator() {
        this(DEFAULT_SEED, DEFAULT_REFERENCE_DATE);
    }

    public ProductGenerator(long seed) {
        this(seed, DEFAULT_REFERENCE_DATE);
    }

    public ProductGenerator(long seed, LocalDate referenceDate) {
        this.random = new SplitMix64(seed);
        this.referenceDate = referenceDate;
        this.referenceEpochDay = referenceDate.toEpochDay();
        this.referenceEpochSecond = referenceDate.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        this.eanOffset = Math.floorMod(random.nextLong(), MAX_UNIQUE);
        this.styleOffset = Math.floorMod(random.nextLong(), STYLE_RANGE);
    }

    public LocalDate referenceDate() {
        return referenceDate;
    }

    /** Products produced so far. */
    public long produced() {
        return produced;
    }

    /** Writes {@code count} products in {@code format}; the stream is flushed, not closed. */
    public WriteResult write(Format format, long count, OutputStream out) throws IOException {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        return ProductWriters.write(this, format, count, Long.MAX_VALUE, false, out);
    }

    /**
     * Writes products until at least {@code targetBytes} bytes are out (the last product and the
     * closing bracket may go a little past it); for benchmarks that ask for a size, not a count.
     */
    public WriteResult writeUntilBytes(Format format, long targetBytes, OutputStream out) throws IOException {
        if (targetBytes < 0) {
            throw new IllegalArgumentException("targetBytes must be >= 0: " + targetBytes);
        }
        return ProductWriters.write(this, format, Long.MAX_VALUE, targetBytes, false, out);
    }

    /** Like {@link #write} with JSON pretty-printed (two-space indents); for small, readable files. */
    public WriteResult writePrettyJson(long count, OutputStream out) throws IOException {
        return ProductWriters.write(this, Format.JSON, count, Long.MAX_VALUE, true, out);
    }

    /** The next product. */
    public Product next() {
        if (produced >= MAX_UNIQUE) {
            throw new IllegalStateException("EANs are unique only for the first " + MAX_UNIQUE + " products");
        }
        if (style == null || colorIndex == style.colors.length) {
            style = newStyle();
            colorIndex = 0;
            sizeIndex = 0;
        }
        Product product = product(style, style.colors[colorIndex], style.sizes[sizeIndex]);
        if (++sizeIndex == style.sizes.length) {
            sizeIndex = 0;
            colorIndex++;
        }
        produced++;
        return product;
    }

    // ---------------------------------------------------------------- one product

    private Product product(Style s, ColorOption c, String size) {
        long eanBody = (Math.floorMod(produced * EAN_MULTIPLIER, MAX_UNIQUE) + eanOffset) % MAX_UNIQUE;
        String ean = Ean13.of(EAN_PREFIX + eanBody);

        String articleStatus = pick(ARTICLE_STATUS, ARTICLE_STATUS_WEIGHTS);
        String enrichment = pick(ENRICHMENT_STATUS, ENRICHMENT_WEIGHTS);

        // Created before readiness (10-180 days), never after the reference instant; updated in between.
        long readinessSecond = c.readinessDay * 86_400L;
        long created = readinessSecond - (10 + random.nextInt(170)) * 86_400L - random.nextInt(86_400);
        created = Math.min(created, referenceEpochSecond - 1 - random.nextInt(86_400 * 3));
        long updated = created + (long) (random.nextDouble() * (referenceEpochSecond - created));

        String description = s.description;
        if (random.nextInt(100) < NASTY_PERCENT) {
            int first = random.nextInt(NASTY.length);
            int second = (first + 1 + random.nextInt(NASTY.length - 1)) % NASTY.length;
            description = description + ' ' + NASTY[first] + ". " + NASTY[second];
        }
        return new Product(
                ean,
                s.styleNumber,
                c.styleOption,
                size,
                c.color,
                s.brand[0],
                s.brand[1],
                s.subbrand,
                s.category[0],
                s.category[1],
                s.gender,
                s.season,
                s.ediStyleName,
                s.countryOfOrigin,
                c.sellingPrices,
                c.grossPrices,
                c.readinessDate,
                articleStatus,
                enrichment,
                IsoTime.instant(created),
                IsoTime.instant(updated),
                s.fabrics,
                s.washing,
                description);
    }

    // ---------------------------------------------------------------- one style

    private static final class Style {
        String styleNumber;
        String[] brand;
        String subbrand;
        String[] category;
        String gender;
        String season;
        String ediStyleName;
        List<Localized> countryOfOrigin;
        List<FabricComposition> fabrics;
        List<String> washing;
        String description;
        String[] sizes;
        ColorOption[] colors;
    }

    private record ColorOption(String color, String styleOption, String readinessDate, long readinessDay,
                               List<Price> sellingPrices, List<Price> grossPrices) {}

    private Style newStyle() {
        Style s = new Style();
        long styleBody = (Math.floorMod(styles * STYLE_MULTIPLIER, STYLE_RANGE) + styleOffset) % STYLE_RANGE;
        styles++;
        s.styleNumber = Long.toString(10_000_000L + styleBody);
        s.brand = BRANDS[random.nextInt(BRANDS.length)];
        s.subbrand = random.nextInt(100) < 5 ? null : SUBBRANDS[random.nextInt(SUBBRANDS.length)];
        int categoryIndex = random.nextInt(CATEGORIES.length);
        s.category = CATEGORIES[categoryIndex];
        s.gender = pick(GENDERS, GENDER_WEIGHTS);
        String model = MODELS[random.nextInt(MODELS.length)];
        s.ediStyleName = s.brand[1] + model + ' ' + FITS[random.nextInt(FITS.length)] + ' ' + s.category[2];
        s.countryOfOrigin = List.of(new Localized("English", COUNTRIES[random.nextInt(COUNTRIES.length)]));
        boolean shoes = s.category[0].equals("Shoes");
        String[] details = DETAILS[categoryIndex];
        s.fabrics = shoes ? List.of(new FabricComposition(SHOE_MATERIALS[random.nextInt(SHOE_MATERIALS.length)], 100))
                : fabrics();
        s.washing = random.nextInt(100) < 3 ? List.of() : shoes ? SHOE_CARE : washing();
        s.description = DESCRIPTION_FITS[random.nextInt(DESCRIPTION_FITS.length)] + ' '
                + s.category[2].toLowerCase(Locale.ROOT) + " in "
                + s.fabrics.get(0).material().toLowerCase(Locale.ROOT) + " with "
                + details[random.nextInt(details.length)] + '.';
        String[] sizeRun = SIZE_RUNS[categoryIndex % SIZE_RUNS.length];
        if (s.gender.equals("Girls") || s.gender.equals("Boys")) {
            sizeRun = KIDS_SIZES;
        }
        int sizes = Math.min(sizeRun.length, 2 + random.nextInt(5));
        int from = random.nextInt(sizeRun.length - sizes + 1);
        s.sizes = java.util.Arrays.copyOfRange(sizeRun, from, from + sizes);

        long styleDay = readinessDay();
        s.season = season(styleDay + 60);
        long retailCents = PRICE_POINTS[random.nextInt(PRICE_POINTS.length)];
        int colorCount = 1 + random.nextInt(3);
        int firstColor = random.nextInt(COLORS.length);
        s.colors = new ColorOption[colorCount];
        for (int i = 0; i < colorCount; i++) {
            String[] color = COLORS[(firstColor + i * 7) % COLORS.length];
            long day = styleDay + random.nextInt(4) - (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
            s.colors[i] = new ColorOption(color[0], s.styleNumber + '_' + color[1],
                    LocalDate.ofEpochDay(day).toString(), day,
                    sellingPrices(retailCents), grossPrices(retailCents));
        }
        return s;
    }

    private long readinessDay() {
        int bucket = random.nextInt(100);
        if (bucket < 45) {
            return referenceEpochDay - random.nextInt(27); // safely inside "the last 30 days"
        } else if (bucket < 80) {
            return referenceEpochDay - 31 - random.nextInt(400);
        }
        return referenceEpochDay + 4 + random.nextInt(120);
    }

    private static String season(long epochDay) {
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int yy = date.getYear() % 100;
        String year = yy < 10 ? "0" + yy : Integer.toString(yy);
        return (date.getMonthValue() <= 6 ? "SS" : "AW") + year;
    }

    private List<Price> sellingPrices(long eurCents) {
        List<Price> prices = new ArrayList<>(6);
        String eur = Cents.text(eurCents);
        prices.add(new Price(RETAIL, Product.EURO, eur, "Austria"));
        int extra = random.nextInt(4);
        int start = random.nextInt(EURO_REGIONS.length);
        for (int i = 0; i < extra; i++) {
            prices.add(new Price(RETAIL, Product.EURO, eur, EURO_REGIONS[(start + i) % EURO_REGIONS.length]));
        }
        // Dollar prices end in .99, now and then on a whole dollar (written 45.00, as real feeds do).
        long usdWhole = (eurCents * 110 + 9_999) / 10_000;
        long usd = random.nextInt(10) == 0 ? usdWhole * 100 : usdWhole * 100 - 1;
        prices.add(new Price(RETAIL, Product.US_DOLLAR, Cents.text(usd), "United States"));
        long gbpWhole = (eurCents * 87 + 9_999) / 10_000;
        prices.add(new Price(RETAIL, Product.POUND_STERLING, Cents.text(gbpWhole * 100 - 1), "United Kingdom"));
        return prices;
    }

    private List<Price> grossPrices(long eurCents) {
        String gross = Cents.text(eurCents * 42 / 100);
        return random.nextInt(2) == 0
                ? List.of(new Price(WHOLESALE, Product.EURO, gross, "Austria"))
                : List.of(new Price(WHOLESALE, Product.EURO, gross, "Austria"),
                          new Price(WHOLESALE, Product.EURO, gross, "Germany"));
    }

    private List<FabricComposition> fabrics() {
        int parts = 1 + random.nextInt(3);
        String first = MAIN_MATERIALS[random.nextInt(MAIN_MATERIALS.length)];
        if (parts == 1) {
            return List.of(new FabricComposition(first, 100));
        }
        String second = MATERIALS[(indexOf(MATERIALS, first) + 1 + random.nextInt(MATERIALS.length - 1)) % MATERIALS.length];
        int main = 50 + 5 * random.nextInt(10); // 50..95
        if (parts == 2 || main == 95) {
            return List.of(new FabricComposition(first, main), new FabricComposition(second, 100 - main));
        }
        String third = "Elastane";
        if (third.equals(first) || third.equals(second)) {
            third = "Polyamide".equals(first) || "Polyamide".equals(second) ? "Metallic fibre" : "Polyamide";
        }
        int rest = 100 - main;
        int small = 1 + random.nextInt(Math.min(5, rest - 1));
        return List.of(new FabricComposition(first, main), new FabricComposition(second, rest - small),
                new FabricComposition(third, small));
    }

    private List<String> washing() {
        int n = 2 + random.nextInt(3);
        List<String> chosen = new ArrayList<>(n);
        chosen.add(WASH_TEMPERATURES[random.nextInt(WASH_TEMPERATURES.length)]);
        int start = random.nextInt(CARE.length);
        for (int i = 1; i < n; i++) {
            chosen.add(CARE[(start + i * 3) % CARE.length]);
        }
        return chosen;
    }

    private String pick(String[] values, int[] cumulativeWeights) {
        int roll = random.nextInt(cumulativeWeights[cumulativeWeights.length - 1]);
        for (int i = 0; i < cumulativeWeights.length; i++) {
            if (roll < cumulativeWeights[i]) {
                return values[i];
            }
        }
        throw new AssertionError("unreachable");
    }

    private static int indexOf(String[] values, String value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i].equals(value)) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- vocabulary (fictional brands)

    private static final String RETAIL = "EDI Retail Price";
    private static final String WHOLESALE = "EDI Wholesale Price";

    /** {brandName, brandcode}. */
    private static final String[][] BRANDS = {
        {"Northwind & Co", "NW"}, {"Fjordline", "FJ"}, {"Maison Lumière", "ML"}, {"Urban Thread", "UT"},
        {"Copenhagen Basics", "CB"}, {"Saltwater Kids", "SK"}, {"Vela Denim", "VD"}, {"Østerbro Studio", "OS"},
    };
    private static final String[] SUBBRANDS = {
        "Essentials", "Curve", "Petite", "Tall", "Maternity", "Active", "Premium", "Archive Édition",
    };
    /** {productCategory, productSubcategory, garment noun}; index picks the size run. */
    private static final String[][] CATEGORIES = {
        {"Tops", "T-shirts", "TEE"}, {"Bottoms", "Jeans", "JEANS"}, {"Shoes", "Sneakers", "SNEAKER"},
        {"Dresses", "Maxi dresses", "DRESS"}, {"Knitwear", "Cardigans", "CARDIGAN"},
        {"Outerwear", "Jackets", "JACKET"}, {"Tops", "Shirts", "SHIRT"}, {"Accessories", "Scarves", "SCARF"},
        {"Bottoms", "Trousers", "PANTS"}, {"Shoes", "Boots", "BOOT"},
    };
    private static final String[][] SIZE_RUNS = {
        {"XS", "S", "M", "L", "XL", "XXL"},
        {"26/30", "27/32", "28/32", "29/32", "30/32", "31/34", "32/34", "34/34"},
        {"36", "37", "38", "39", "40", "41", "42", "43", "44", "45"},
        {"XS", "S", "M", "L", "XL"},
        {"XS", "S", "M", "L", "XL", "XXL"},
        {"S", "M", "L", "XL", "XXL", "3XL"},
        {"XS", "S", "M", "L", "XL", "XXL"},
        {"ONE SIZE"},
        {"32", "34", "36", "38", "40", "42", "44"},
        {"36", "37", "38", "39", "40", "41", "42"},
    };
    private static final String[] KIDS_SIZES = {"92", "98", "104", "110", "116", "122/128", "134/140", "146/152"};
    private static final String[] GENDERS = {"Women", "Men", "Unisex", "Girls", "Boys"};
    private static final int[] GENDER_WEIGHTS = {45, 80, 88, 94, 100};
    private static final String[] MODELS = {
        "KARLA", "BLUSH", "EMMA", "NOAH", "FREJA", "OLIVER", "SOFIE", "LUCAS", "IDA", "MALTHE", "ASTRID", "ELLIOT",
        "JOSÉ", "ÅSE",
    };
    private static final String[] FITS = {"REG", "SLIM", "LOOSE", "RELAXED", "CROPPED", "OVERSIZE", "HW ANKLE"};
    private static final String[] DESCRIPTION_FITS = {"Regular fit", "Slim fit", "Loose fit", "Relaxed", "Cropped", "Oversized"};
    /** Details per category, same order as CATEGORIES. */
    private static final String[][] DETAILS = {
        {"round neck and short sleeves", "a printed logo on the chest", "a chest pocket"},
        {"a concealed zip fly", "five pockets", "raw-edge hems"},
        {"lace-up closure", "a cushioned footbed", "a contrast sole"},
        {"a tie belt at the waist", "adjustable straps", "a tiered skirt"},
        {"ribbed cuffs and hem", "button closure", "dropped shoulders"},
        {"padded lining for cold days", "a detachable hood", "two side pockets"},
        {"button closure", "a classic collar", "long sleeves"},
        {"fringed ends", "a soft brushed finish"},
        {"a concealed zip fly", "pleats at the front", "an elasticated waist"},
        {"a side zip", "a chunky sole", "pull-on tabs"},
    };
    /** {name, 4-digit colour code}. */
    private static final String[][] COLORS = {
        {"Black", "1001"}, {"Snow White", "1102"}, {"Navy Blazer", "2203"}, {"Cloud Dancer", "1104"},
        {"Medium Blue Denim", "2305"}, {"Light Grey Melange", "1406"}, {"Dark Olive", "3507"},
        {"Burgundy", "4608"}, {"Café au Lait", "5709"}, {"Rosé", "4810"}, {"Sand & Stone", "5911"},
        {"Forest Night", "3012"}, {"Misty Rose", "4113"}, {"Tofu", "1214"}, {"Black/White Stripes", "1015"},
    };
    private static final String[] COUNTRIES = {"BD", "CN", "IN", "TR", "PT", "VN", "IT", "PK", "MM", "KH", "LK", "MA"};
    private static final String[] MAIN_MATERIALS = {
        "Cotton", "Organic cotton", "Polyester", "Recycled polyester", "Viscose", "Wool", "Lyocell", "Linen",
    };
    private static final String[] MATERIALS = {
        "Cotton", "Organic cotton", "Polyester", "Recycled polyester", "Viscose", "Elastane", "Wool",
        "Polyamide", "Lyocell", "Linen", "Acrylic", "Leather",
    };
    private static final String[] SHOE_MATERIALS = {"Leather", "Suede", "Recycled polyester", "Canvas"};
    private static final List<String> SHOE_CARE = List.of("Wipe clean with a damp cloth", "Do not machine wash");
    private static final String[] WASH_TEMPERATURES = {
        "Machine wash at 30°C", "Machine wash at 40°C", "Machine wash at 60°C", "Hand wash cold",
    };
    private static final String[] CARE = {
        "Do not bleach", "Do not tumble dry", "Tumble dry low", "Iron at low temperature", "Do not iron print",
        "Dry clean only", "Wash inside out", "Wash with similar colours", "Lay flat to dry",
    };
    private static final String[] ARTICLE_STATUS = {"created", "approved", "released", "discontinued", "blocked"};
    private static final int[] ARTICLE_STATUS_WEIGHTS = {78, 86, 93, 98, 100};
    private static final String[] ENRICHMENT_STATUS = {"enriched", "partially enriched", "not enriched"};
    private static final int[] ENRICHMENT_WEIGHTS = {60, 85, 100};
    private static final String[] EURO_REGIONS = {
        "Germany", "Netherlands", "Belgium", "Finland", "France", "Ireland", "Spain", "Italy",
    };
    private static final long[] PRICE_POINTS = {
        999, 1299, 1499, 1799, 1999, 2499, 2999, 3499, 3999, 4499, 4999, 5999, 6999, 7999, 8999, 9999, 12999, 14999,
    };

    /** Hostile text seen in real product feeds; two are appended to a nasty product's description. */
    static final String[] NASTY = {
        "\"Karla\" 5-pocket jeans — high waist & slim legs",
        "Size <M> fits like <L>, order one size down",
        "Care: wash at 30°C,\ninside out",
        "Édition café: crème brûlée tones, naïve façade",
        "限定版 limited edition 👖✨",
        "Fabric: 95% cotton & 5% elastane; \"soft-touch\" finish",
        "Line one\r\nline two",
        "Tab\tseparated, back\\slash and 'single quotes'",
        "Ærø Øresund Åbenrå — Nordic collection",
        "<script>alert('x')</script> & &amp; &#38; entities",
        "]]> ends a CDATA section",
    };
}
