package com.productflow.cli;

import com.productflow.common.config.SettingsRegistry;
import com.productflow.common.config.SettingsSource;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * The one way a flag sets a setting. An option names the key it overrides with picocli's
 * {@code descriptionKey}, e.g. {@code @Option(names = "--topic", descriptionKey = "KAFKA_TOPIC")}
 * (the key of its doc, which {@code SettingsRegistry} holds); when the flag is given (its field is
 * not null) its value is that key's top layer, above the built-in defaults, {@code .env} and the
 * environment. Mix this into a command, or into a mixin of flags, and read {@link #settings()}.
 */
@Command // picocli takes a class as a mixin only when it carries one of its annotations
final class SettingFlags {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** The standard settings (defaults, .env, environment) with the given flags on top. */
    SettingsSource settings() {
        return SettingsSource.standard(values(mixee));
    }

    /** As {@link #settings()}, with the live local stack's endpoints for the services none is given for ({@link LocalDiscovery}). */
    SettingsSource settings(LocalDiscovery.Service... services) {
        return LocalDiscovery.standard(values(mixee), services);
    }

    /** Key → flag value for every given option that names a setting; a key the registry lacks is an error. */
    static Map<String, String> values(CommandSpec spec) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            Object value = option.getValue();
            if (namesASetting(option) && value != null) {
                flags.put(SettingsRegistry.setting(option.descriptionKey()).key(), value.toString());
            }
        }
        return flags;
    }

    /** True for an option with a descriptionKey; picocli's own --help and --version have theirs. */
    static boolean namesASetting(OptionSpec option) {
        return !option.descriptionKey().isEmpty() && !option.usageHelp() && !option.versionHelp();
    }
}
