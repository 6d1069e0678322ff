package com.productflow.convert;

import com.productflow.common.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The element names of the XML: document element, record element, the item element per array field
 * and how JSON keys that are not portable XML names are written. Loaded from a small properties file;
 * {@link #productFeed()} is the default (resource {@code product-feed.properties}, which documents
 * the keys).
 *
 * <p>Array rule: items of the array under key {@code k} are wrapped in {@code item.k} if the profile
 * names it, else in {@code item.default} ({@code item} in the product feed). Invalid-key rule: a key
 * that is not a portable name ({@link XmlNames}) becomes {@code <field key="original">}: the element
 * {@code invalidKey.element} with the original key, escaped, in {@code invalidKey.attribute}.
 */
public record MappingProfile(
        String root,
        String record,
        String defaultItem,
        Map<String, String> items,
        String invalidKeyElement,
        String invalidKeyAttribute) {

    private static final String RESOURCE = "product-feed.properties";

    public MappingProfile {
        items = Map.copyOf(items);
        requireName("root", root);
        requireName("record", record);
        requireName("item.default", defaultItem);
        requireName("invalidKey.element", invalidKeyElement);
        requireName("invalidKey.attribute", invalidKeyAttribute);
        items.forEach((field, name) -> requireName("item." + field, name));
    }

    /** The item element for the array under {@code field}. */
    public String itemFor(String field) {
        return items.getOrDefault(field, defaultItem);
    }

    /** The product feed of docs/data.md. */
    public static MappingProfile productFeed() {
        try (InputStream in = MappingProfile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the jar");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a profile file (UTF-8 properties); a bad file is a {@link BadInputException} naming the key. */
    public static MappingProfile load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new BadInputException("mapping profile " + file + ": cannot read it: " + e.getMessage(), e);
        }
    }

    static MappingProfile parse(Reader reader, String source) throws IOException {
        Properties p = new Properties();
        p.load(reader);
        Map<String, String> items = new LinkedHashMap<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            boolean known = key.equals("root") || key.equals("record") || key.equals("item.default")
                    || key.equals("invalidKey.element") || key.equals("invalidKey.attribute");
            if (key.startsWith("item.") && !key.equals("item.default")) {
                items.put(key.substring("item.".length()), p.getProperty(key).strip());
            } else if (!known) {
                throw new BadInputException("mapping profile " + source + ": unknown key '" + key
                        + "' (known: root, record, item.default, item.<field>, invalidKey.element, invalidKey.attribute)");
            }
        }
        try {
            return new MappingProfile(
                    value(p, "root", "products"),
                    value(p, "record", "product"),
                    value(p, "item.default", "item"),
                    items,
                    value(p, "invalidKey.element", "field"),
                    value(p, "invalidKey.attribute", "key"));
        } catch (BadInputException e) {
            throw new BadInputException("mapping profile " + source + ": " + e.getMessage());
        }
    }

    private static String value(Properties p, String key, String fallback) {
        String v = p.getProperty(key);
        return v == null ? fallback : v.strip();
    }

    private static void requireName(String key, String name) {
        if (name == null || !XmlNames.isPortableName(name)) {
            throw new BadInputException("'" + key + "' must be a portable XML name ([A-Za-z_][A-Za-z0-9_.-]*,"
                    + " not starting with xml), got '" + name + "'");
        }
    }
}
