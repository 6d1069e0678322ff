package com.productflow.convert;

import com.fasterxml.jackson.core.io.SerializedString;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-key element bytes, cached so a field seen a million times is encoded once. The parser hands
 * out canonical (interned) key strings, so lookups hash once and compare by identity. The cache is
 * bounded: past {@link #MAX_CACHED} distinct keys (hostile input), names are built per use.
 */
final class FieldNames {
    static final int MAX_CACHED = 10_000;

    /**
     * What a key turns into: its own element, and the element of its items if its value is an array.
     * {@code next} remembers the field that followed this one last time: records share their key
     * order, so the next lookup is usually one identity comparison instead of a hash lookup.
     */
    static final class Field {
        final String key;
        /** The key as JSON text, for {@code JsonParser.nextFieldName}: it compares the input's raw bytes with these. */
        final SerializedString json;
        final ElementName element;
        final ElementName item;
        Field next;

        Field(String key, ElementName element, ElementName item) {
            this.key = key;
            this.json = new SerializedString(key);
            this.element = element;
            this.item = item;
        }

        ElementName element() {
            return element;
        }

        ElementName item() {
            return item;
        }
    }

    private Field last;

    private final MappingProfile profile;
    private final boolean strict;
    private final Map<String, Field> cache = new HashMap<>();
    private final Map<String, ElementName> items = new HashMap<>();
    final ElementName defaultItem;

    FieldNames(MappingProfile profile, boolean strict) {
        this.profile = profile;
        this.strict = strict;
        this.defaultItem = ElementName.of(profile.defaultItem());
        profile.items().forEach((field, name) -> items.computeIfAbsent(name, ElementName::of));
    }

    /** The field that followed the previous one last time (the likely next key), or null. */
    Field predicted() {
        Field previous = last;
        return previous == null ? null : previous.next;
    }

    /** The key read was the {@link #predicted()} one. */
    void matched(Field predicted) {
        last = predicted;
    }

    /** The field for the key just read; predicted from the previous key when possible. */
    Field next(String key) {
        Field previous = last;
        if (previous != null) {
            Field guess = previous.next;
            if (guess != null && guess.key == key) { // canonical key strings: identity is equality
                last = guess;
                return guess;
            }
        }
        Field f = field(key);
        if (previous != null) {
            previous.next = f;
        }
        last = f;
        return f;
    }

    Field field(String key) {
        Field f = cache.get(key);
        if (f == null) {
            String itemName = profile.items().get(key);
            ElementName item = itemName == null ? defaultItem : items.get(itemName);
            f = new Field(key, ElementName.forKey(key, profile, strict), item);
            if (cache.size() < MAX_CACHED) {
                cache.put(key, f);
            }
        }
        return f;
    }
}
