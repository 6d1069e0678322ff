package com.productflow.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The type of a setting, with its validator: turns the text of a value (stripped, never blank) into
 * a value, or throws {@link IllegalArgumentException} whose message completes "setting KEY ..."
 * (e.g. "must be between 1 and 64, got 65"). {@link #describe()} is the type as the docs show it.
 */
public interface SettingType<T> {
    T parse(String text);

    String describe();

    /** Any text. */
    static SettingType<String> text() {
        return new Simple<>("text", text -> text);
    }

    /** Text matching {@code pattern}; {@code rule} says what that means ("1-249 characters of ..."). */
    static SettingType<String> text(String pattern, String rule) {
        Pattern compiled = Pattern.compile(pattern);
        return new Simple<>(rule, text -> {
            if (!compiled.matcher(text).matches()) {
                throw new IllegalArgumentException("must be " + rule + ", got '" + text + "'");
            }
            return text;
        });
    }

    /** Text read case-insensitively (returned in lower case) that another library validates, named in {@code checkedBy}. */
    static SettingType<String> lowerCase(String checkedBy) {
        return new Simple<>("text, checked by " + checkedBy, text -> text.toLowerCase(Locale.ROOT));
    }

    static SettingType<Integer> integer(int min, int max) {
        return new Simple<>("a whole number from " + min + " to " + max, text -> (int) range(whole(text), min, max, ""));
    }

    /** A size in bytes, with an optional unit: {@code 8388608}, {@code 8MiB}, {@code 8MB}, {@code 64KiB}, {@code 1GiB}. */
    static SettingType<Long> bytes(long min, long max) {
        return new Simple<>("a size from " + Sizes.format(min) + " to " + Sizes.format(max) + " (e.g. 8MiB, 64KiB)", text -> {
            long value = Sizes.parse(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max + " bytes, got " + text);
            }
            return value;
        });
    }

    static SettingType<Boolean> bool() {
        return new Simple<>("true|false", text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException("must be true or false, got '" + text + "'");
        });
    }

    /** A duration in ISO-8601 ({@code PT30S}) or a number with unit {@code ms}, {@code s}, {@code m}, {@code h}; from {@code min} to {@code max}. */
    static SettingType<Duration> duration(Duration min, Duration max) {
        return new Simple<>("a duration from " + Durations.format(min) + " to " + Durations.format(max) + " (e.g. 500ms, 30s, 15m, PT1H)",
                text -> {
                    Duration value = Durations.parse(text);
                    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                        throw new IllegalArgumentException("must be from " + Durations.format(min) + " to " + Durations.format(max)
                                + ", got '" + text + "'");
                    }
                    return value;
                });
    }

    /**
     * One of {@code values}, matched case-insensitively with '-' read as '_'; the value is returned in
     * upper case ('_' for '-'), the spelling of an enum constant.
     */
    static SettingType<String> choice(String... values) {
        return new Choice(List.of(values));
    }

    /**
     * A comma-separated, non-empty set of {@code values} (each matched as {@link #choice} does), in the
     * order given, without repeats: {@code xml,parquet} is {@code [XML, PARQUET]}.
     */
    static SettingType<List<String>> choices(String... values) {
        Choice one = new Choice(List.of(values));
        String rule = "a comma-separated list of " + one.describe();
        return new Simple<>(rule, text -> {
            List<String> chosen = new java.util.ArrayList<>();
            for (String part : text.split(",", -1)) {
                if (part.isBlank()) {
                    throw new IllegalArgumentException("must be " + rule + " with no empty entry, got '" + text + "'");
                }
                String value;
                try {
                    value = one.parse(part.strip());
                } catch (IllegalArgumentException unknown) {
                    throw new IllegalArgumentException("must be " + rule + ", got '" + text + "' ('" + part.strip()
                            + "' is not one of them)");
                }
                if (chosen.contains(value)) {
                    throw new IllegalArgumentException("names " + part.strip() + " twice in '" + text + "'");
                }
                chosen.add(value);
            }
            return List.copyOf(chosen);
        });
    }

    /** An http:// or https:// URL with a host. */
    static SettingType<URI> url() {
        return new Simple<>("an http(s) URL", text -> {
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("is not a URL: '" + text + "'");
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("must be an http:// or https:// URL like http://127.0.0.1:9000, got '" + text + "'");
            }
            return uri;
        });
    }

    /** An ISO date, e.g. 2026-11-25. */
    static SettingType<LocalDate> date() {
        return new Simple<>("an ISO date (YYYY-MM-DD)", text -> {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("must be an ISO date such as 2026-11-25, got '" + text + "'");
            }
        });
    }

    private static long whole(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number, got '" + text + "'");
        }
    }

    private static long range(long value, long min, long max, String unit) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("must be between " + min + " and " + max + unit + ", got " + value);
        }
        return value;
    }

    /** A type given by its description and its parse function. */
    record Simple<T>(String describe, Parser<T> parser) implements SettingType<T> {
        @Override
        public T parse(String text) {
            return parser.parse(text);
        }
    }

    /** A choice among fixed values; {@link #values()} as the docs and error messages show them. */
    record Choice(List<String> values) implements SettingType<String> {
        @Override
        public String parse(String text) {
            String wanted = text.toUpperCase(Locale.ROOT).replace('-', '_');
            for (String value : values) {
                if (value.toUpperCase(Locale.ROOT).replace('-', '_').equals(wanted)) {
                    return wanted;
                }
            }
            throw new IllegalArgumentException("must be one of " + describe() + ", got '" + text + "'");
        }

        @Override
        public String describe() {
            return String.join("|", values);
        }
    }

    @FunctionalInterface
    interface Parser<T> {
        T parse(String text);
    }
}
