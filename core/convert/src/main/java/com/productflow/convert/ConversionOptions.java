package com.productflow.convert;

import static com.productflow.common.config.SettingsRegistry.CONVERT_MAX_DEPTH;
import static com.productflow.common.config.SettingsRegistry.CONVERT_MAX_NUMBER_LENGTH;
import static com.productflow.common.config.SettingsRegistry.CONVERT_MAX_STRING_LENGTH;
import static com.productflow.common.config.SettingsRegistry.CONVERT_NULLS;
import static com.productflow.common.config.SettingsRegistry.CONVERT_PROFILE;
import static com.productflow.common.config.SettingsRegistry.CONVERT_STRICT;

import com.productflow.common.config.SettingsSource;
import java.nio.file.Path;

/**
 * How the converter behaves: the {@code CONVERT_*} settings (profile, nulls, strict, limits), whose
 * types, defaults and docs are in {@code SettingsRegistry}.
 */
public record ConversionOptions(
        MappingProfile profile,
        NullHandling nulls,
        boolean strict,
        int maxDepth,
        int maxStringLength,
        int maxNumberLength) {

    public static final String PROFILE = CONVERT_PROFILE.key();
    public static final String NULLS = CONVERT_NULLS.key();
    public static final String STRICT = CONVERT_STRICT.key();
    public static final String MAX_DEPTH = CONVERT_MAX_DEPTH.key();
    public static final String MAX_STRING_LENGTH = CONVERT_MAX_STRING_LENGTH.key();
    public static final String MAX_NUMBER_LENGTH = CONVERT_MAX_NUMBER_LENGTH.key();

    public static final int DEFAULT_MAX_DEPTH = CONVERT_MAX_DEPTH.defaultValue().orElseThrow();
    public static final int DEFAULT_MAX_STRING_LENGTH = CONVERT_MAX_STRING_LENGTH.defaultValue().orElseThrow();
    public static final int DEFAULT_MAX_NUMBER_LENGTH = CONVERT_MAX_NUMBER_LENGTH.defaultValue().orElseThrow();

    public ConversionOptions {
        if (profile == null || nulls == null) {
            throw new IllegalArgumentException("profile and nulls are required");
        }
        if (maxDepth < 1 || maxStringLength < 1 || maxNumberLength < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static ConversionOptions defaults() {
        return new ConversionOptions(MappingProfile.productFeed(), NullHandling.valueOf(CONVERT_NULLS.defaultValue().orElseThrow()),
                CONVERT_STRICT.defaultValue().orElseThrow(),
                DEFAULT_MAX_DEPTH, DEFAULT_MAX_STRING_LENGTH, DEFAULT_MAX_NUMBER_LENGTH);
    }

    /** Reads and validates every converter key; an invalid value fails naming the key. */
    public static ConversionOptions fromSettings(SettingsSource settings) {
        MappingProfile profile = settings.optional(CONVERT_PROFILE)
                .map(file -> MappingProfile.load(Path.of(file)))
                .orElseGet(MappingProfile::productFeed);
        return new ConversionOptions(
                profile,
                settings.choice(CONVERT_NULLS, NullHandling.class),
                settings.get(CONVERT_STRICT),
                settings.get(CONVERT_MAX_DEPTH),
                settings.get(CONVERT_MAX_STRING_LENGTH),
                settings.get(CONVERT_MAX_NUMBER_LENGTH));
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
