package com.productflow.common.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Raw settings, layered (later wins): built-in defaults, then a {@code .env} file (local only), then
 * the process environment, then explicit overrides such as CLI flags. Values are read through the
 * {@link Setting}s of {@link SettingsRegistry}, which give each key its type, validator and default;
 * typed settings objects (one per concern) read every key up front, so an invalid setting fails at
 * start with a message naming the key and the layer it came from.
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

    /** The value set in some layer, parsed and validated; empty when no layer sets it (defaults are not applied). */
    public <T> Optional<T> optional(Setting<T> setting) {
        String raw = values.get(setting.key());
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(setting.parse(raw));
        } catch (IllegalArgumentException e) {
            throw invalid(setting.key(), e.getMessage());
        }
    }

    /** The value set in some layer, else the registry's default; a setting with neither is required and missing. */
    public <T> T get(Setting<T> setting) {
        return optional(setting).or(setting::defaultValue)
                .orElseThrow(() -> invalid(setting.key(), "is required but not set"));
    }

    /** A choice setting as the enum constant it names (the registry's choices are the enum's constants). */
    public <E extends Enum<E>> E choice(Setting<String> setting, Class<E> type) {
        return Enum.valueOf(type, get(setting));
    }

    /** Where a key's value came from (".env", "environment", "flag", ...), for error messages. */
    public Optional<String> origin(String key) {
        return Optional.ofNullable(origins.get(key));
    }

    public InvalidSettingException invalid(Setting<?> setting, String message) {
        return invalid(setting.key(), message);
    }

    public InvalidSettingException invalid(String key, String message) {
        return new InvalidSettingException(key, message + origin(key).map(o -> " (from " + o + ")").orElse(""));
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
