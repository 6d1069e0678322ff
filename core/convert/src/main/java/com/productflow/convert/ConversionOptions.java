package com.productflow.convert;

import com.productflow.common.config.SettingsSource;
import java.nio.file.Path;

/**
 * How the converter behaves. Settings keys (documented in {@code .env.sample}):
 * <ul>
 *   <li>{@code CONVERT_PROFILE}: a mapping profile file; default the built-in product feed.</li>
 *   <li>{@code CONVERT_NULLS}: {@code omit} (default), {@code empty} or {@code nil}.</li>
 *   <li>{@code CONVERT_STRICT}: {@code true} rejects characters XML 1.0 forbids instead of writing U+FFFD.</li>
 *   <li>{@code CONVERT_MAX_DEPTH}: most nested objects/arrays in one record, the record itself counting
 *       as 1 (default 1000).</li>
 *   <li>{@code CONVERT_MAX_STRING_LENGTH}: longest string value or key, in chars (default 10,000,000;
 *       the parser holds one value in memory, about 4 bytes per char at worst).</li>
 *   <li>{@code CONVERT_MAX_NUMBER_LENGTH}: longest number, in chars (default 10,000).</li>
 * </ul>
 */
public record ConversionOptions(
        MappingProfile profile,
        NullHandling nulls,
        boolean strict,
        int maxDepth,
        int maxStringLength,
        int maxNumberLength) {

    public static final String PROFILE = "CONVERT_PROFILE";
    public static final String NULLS = "CONVERT_NULLS";
    public static final String STRICT = "CONVERT_STRICT";
    public static final String MAX_DEPTH = "CONVERT_MAX_DEPTH";
    public static final String MAX_STRING_LENGTH = "CONVERT_MAX_STRING_LENGTH";
    public static final String MAX_NUMBER_LENGTH = "CONVERT_MAX_NUMBER_LENGTH";

    public static final int DEFAULT_MAX_DEPTH = 1000;
    public static final int DEFAULT_MAX_STRING_LENGTH = 10_000_000;
    public static final int DEFAULT_MAX_NUMBER_LENGTH = 10_000;

    public ConversionOptions {
        if (profile == null || nulls == null) {
            throw new IllegalArgumentException("profile and nulls are required");
        }
        if (maxDepth < 1 || maxStringLength < 1 || maxNumberLength < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static ConversionOptions defaults() {
        return new ConversionOptions(MappingProfile.productFeed(), NullHandling.OMIT, false,
                DEFAULT_MAX_DEPTH, DEFAULT_MAX_STRING_LENGTH, DEFAULT_MAX_NUMBER_LENGTH);
    }

    /** Reads and validates every converter key; an invalid value fails naming the key. */
    public static ConversionOptions fromSettings(SettingsSource settings) {
        MappingProfile profile = settings.optional(PROFILE)
                .map(file -> MappingProfile.load(Path.of(file)))
                .orElseGet(MappingProfile::productFeed);
        return new ConversionOptions(
                profile,
                settings.choice(NULLS, NullHandling.class, NullHandling.OMIT),
                settings.bool(STRICT, false),
                settings.integer(MAX_DEPTH, DEFAULT_MAX_DEPTH, 1, 1_000_000),
                settings.integer(MAX_STRING_LENGTH, DEFAULT_MAX_STRING_LENGTH, 1, Integer.MAX_VALUE - 16),
                settings.integer(MAX_NUMBER_LENGTH, DEFAULT_MAX_NUMBER_LENGTH, 1, Integer.MAX_VALUE - 16));
    }

    public ConversionOptions withNulls(NullHandling value) {
        return new ConversionOptions(profile, value, strict, maxDepth, maxStringLength, maxNumberLength);
    }

    public ConversionOptions withStrict(boolean value) {
        return new ConversionOptions(profile, nulls, value, maxDepth, maxStringLength, maxNumberLength);
    }

    public ConversionOptions withProfile(MappingProfile value) {
        return new ConversionOptions(value, nulls, strict, maxDepth, maxStringLength, maxNumberLength);
    }

    public ConversionOptions withMaxDepth(int value) {
        return new ConversionOptions(profile, nulls, strict, value, maxStringLength, maxNumberLength);
    }

    public ConversionOptions withMaxStringLength(int value) {
        return new ConversionOptions(profile, nulls, strict, maxDepth, value, maxNumberLength);
    }

    public ConversionOptions withMaxNumberLength(int value) {
        return new ConversionOptions(profile, nulls, strict, maxDepth, maxStringLength, value);
    }
}
