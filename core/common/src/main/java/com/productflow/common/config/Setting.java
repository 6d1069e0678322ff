package com.productflow.common.config;

import java.util.Optional;

/**
 * One setting as {@link SettingsRegistry} defines it: its key, type (with validator), code default,
 * doc, and who reads it. Every setting is defined there, in one list, so every key the code reads is
 * documented, and .env.sample and template.yaml are checked against it.
 *
 * @param key            the name in .env, the environment and template.yaml, e.g. {@code S3_PART_SIZE}
 * @param group          the concern it belongs to (a section of .env.sample)
 * @param type           its type and validator
 * @param defaultText    the code default as written in a setting (parsed by {@code type} when the registry loads); empty when none
 * @param derivedDefault what applies when it is not set and there is no fixed default, e.g. "true exactly when S3_ENDPOINT is set"
 * @param example        a value to show in .env.sample when there is no default
 * @param doc            what it does, for people
 * @param readBy         who reads it, and so where it may be set
 */
public record Setting<T>(String key, SettingGroup group, SettingType<T> type, Optional<String> defaultText,
                         Optional<String> derivedDefault, Optional<String> example, String doc, ReadBy readBy) {

    /** Who reads a setting. */
    public enum ReadBy {
        /** Our code, through {@link SettingsSource}: defaults, .env, environment, flags. */
        SETTINGS,
        /** Our code or scripts, from the process environment only (not from .env). */
        ENVIRONMENT,
        /** The AWS SDK, the JVM or Powertools, from the environment; set in template.yaml or the shell, never read from .env. */
        PLATFORM
    }

    public Setting {
        if (doc.isBlank()) {
            throw new IllegalArgumentException(key + " has no doc");
        }
        defaultText.ifPresent(text -> parseDefault(key, type, text));
    }

    /** The code default, parsed; empty when there is none. */
    public Optional<T> defaultValue() {
        return defaultText.map(text -> type.parse(text));
    }

    /** The value of {@code text}; an invalid one is an {@link IllegalArgumentException} whose message completes "setting KEY ...". */
    public T parse(String text) {
        return type.parse(text.strip());
    }

    private static void parseDefault(String key, SettingType<?> type, String text) {
        try {
            type.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the default of " + key + " " + e.getMessage(), e);
        }
    }
}
