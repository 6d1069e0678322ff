package com.productflow.common.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Raw settings, layered (later wins): built-in defaults, then a {@code .env} file (local only), then
 * the process environment, then explicit overrides such as CLI flags. Typed settings objects (one per
 * concern) read from here and validate every key up front, so an invalid setting fails at start with
 * a message naming the key and the layer it came from.
 */
public final class SettingsSource {
    private final Map<String, String> values;
    private final Map<String, String> origins;

    private SettingsSource(Map<String, String> values, Map<String, String> origins) {
        this.values = Map.copyOf(values);
        this.origins = Map.copyOf(origins);
    }

    /** Only the given values: for tests and for callers that already merged their layers. */
    public static SettingsSource of(Map<String, String> values) {
        return new Builder().layer("given", values).build();
    }

    /** The usual stack: {@code .env} in the working folder, then the environment, then overrides. */
    public static SettingsSource standard(Map<String, String> overrides) {
        return new Builder()
                .layer(".env", DotEnv.read(Path.of(".env")))
                .layer("environment", System.getenv())
                .layer("flag", overrides)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same settings with {@code overrides} on top (e.g. a CLI flag). Blank override values are ignored. */
    public SettingsSource with(Map<String, String> overrides) {
        return new Builder().layer(this).layer("flag", overrides).build();
    }

    public Optional<String> optional(String key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    public String string(String key, String defaultValue) {
        return optional(key).orElse(defaultValue);
    }

    public String require(String key) {
        return optional(key).orElseThrow(() -> new InvalidSettingException(key, "is required but not set"));
    }

    public int integer(String key, int defaultValue, int min, int max) {
        return (int) longValue(key, defaultValue, min, max);
    }

    public long longValue(String key, long defaultValue, long min, long max) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(raw.get());
        } catch (NumberFormatException e) {
            throw invalid(key, "must be a whole number, got '" + raw.get() + "'");
        }
        if (value < min || value > max) {
            throw invalid(key, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** A size in bytes, with an optional unit: {@code 8388608}, {@code 8MiB}, {@code 8MB}, {@code 64KiB}, {@code 1GiB}. */
    public long bytes(String key, long defaultValue, long min, long max) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        long value = parseBytes(key, raw.get());
        if (value < min || value > max) {
            throw invalid(key, "must be between " + min + " and " + max + " bytes, got " + raw.get());
        }
        return value;
    }

    public boolean bool(String key, boolean defaultValue) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw invalid(key, "must be true or false, got '" + raw.get() + "'");
        };
    }

    /** A duration in ISO-8601 ({@code PT30S}) or as a number with unit {@code ms}, {@code s}, {@code m}, {@code h}. */
    public Duration duration(String key, Duration defaultValue) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String text = raw.get().toLowerCase(Locale.ROOT);
        try {
            if (text.startsWith("p")) {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw invalid(key, "must be a duration like 30s, 500ms, 5m or PT30S, got '" + raw.get() + "'");
        }
    }

    /** One of an enum's constants, matched case-insensitively with '-' read as '_'. */
    public <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String wanted = raw.get().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return constant;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : "|").append(constant.name().toLowerCase(Locale.ROOT));
        }
        throw invalid(key, "must be one of " + allowed + ", got '" + raw.get() + "'");
    }

    /** Where a key's value came from (".env", "environment", "flag", ...), for error messages. */
    public Optional<String> origin(String key) {
        return Optional.ofNullable(origins.get(key));
    }

    public InvalidSettingException invalid(String key, String message) {
        return new InvalidSettingException(key, message + origin(key).map(o -> " (from " + o + ")").orElse(""));
    }

    private long parseBytes(String key, String text) {
        String t = text.strip();
        int split = 0;
        while (split < t.length() && Character.isDigit(t.charAt(split))) {
            split++;
        }
        if (split == 0) {
            throw invalid(key, "must be a size like 8388608, 8MiB or 64KiB, got '" + text + "'");
        }
        long multiplier = switch (t.substring(split).strip().toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1L;
            case "k", "kb", "kib" -> 1L << 10;
            case "m", "mb", "mib" -> 1L << 20;
            case "g", "gb", "gib" -> 1L << 30;
            default -> throw invalid(key, "has an unknown size unit in '" + text + "' (use KiB, MiB or GiB)");
        };
        try {
            return Math.multiplyExact(Long.parseLong(t.substring(0, split)), multiplier);
        } catch (ArithmeticException | NumberFormatException e) {
            throw invalid(key, "is too large: '" + text + "'");
        }
    }

    /** Collects layers; a later layer's non-blank value replaces an earlier one. */
    public static final class Builder {
        private final Map<String, String> values = new HashMap<>();
        private final Map<String, String> origins = new HashMap<>();

        public Builder layer(String origin, Map<String, String> layer) {
            layer.forEach((key, value) -> {
                if (value != null && !value.isBlank()) {
                    values.put(key, value);
                    origins.put(key, origin);
                }
            });
            return this;
        }

        public Builder layer(SettingsSource source) {
            values.putAll(source.values);
            origins.putAll(source.origins);
            return this;
        }

        public SettingsSource build() {
            return new SettingsSource(values, origins);
        }
    }
}
