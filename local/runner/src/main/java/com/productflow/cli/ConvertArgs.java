package com.productflow.cli;

import com.productflow.common.ProductflowException;
import com.productflow.common.config.SettingsSource;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code convert}'s command line read without picocli, so that a conversion starts without loading it. picocli's
 * classes are Java 5 bytecode, which class data sharing cannot archive, and building a command's model from its
 * annotations spins annotation proxies: together ~0.25 s of the 0.3 s a small file may take, launcher and JVM included
 * (issue 17, bench/RESULTS.md). This reads only what picocli reads the same way: {@code --name value} or
 * {@code --name=value} for the flags {@link ConvertCommand} declares, {@code --indent} and {@code --strict} bare, each
 * at most once, {@code --input} and {@code --output} given, no value beginning with {@code -} (but {@code -} itself)
 * or {@code @}. Anything else (help, version, an unknown, repeated or missing flag, an argument file, a value picocli
 * might read otherwise) is left to picocli, which runs it or reports it as it always did. ConvertArgsTest holds this
 * class and ConvertCommand's annotations to the same flags and the same values.
 */
final class ConvertArgs {
    /** The flags that take a value. */
    static final Set<String> VALUED = Set.of("--input", "--output", "--format", "--wrong-type", "--profile", "--nulls");
    /** The flags that take none. */
    static final Set<String> SWITCHES = Set.of("--indent", "--strict");
    /** The flags that set a setting, with the setting's key (their descriptionKey in ConvertCommand). */
    static final Map<String, String> SETTINGS = Map.of("--wrong-type", "PARQUET_WRONG_TYPE", "--profile", "CONVERT_PROFILE",
            "--nulls", "CONVERT_NULLS", "--strict", "CONVERT_STRICT");

    private final Map<String, String> given;

    private ConvertArgs(Map<String, String> given) {
        this.given = given;
    }

    /** {@code args} (what follows {@code convert}) read, or empty when picocli is to read them. */
    static Optional<ConvertArgs> read(String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            String name = equals < 0 ? args[i] : args[i].substring(0, equals);
            String value;
            if (SWITCHES.contains(name) && equals < 0) {
                value = "true";
            } else if (VALUED.contains(name) && (equals >= 0 || i + 1 < args.length)) {
                value = equals >= 0 ? args[i].substring(equals + 1) : args[++i];
                if (value.isEmpty() || value.startsWith("@") || value.startsWith("-") && !value.equals("-")) {
                    return Optional.empty();
                }
            } else {
                return Optional.empty();
            }
            if (given.put(name, value) != null) {
                return Optional.empty();
            }
        }
        return given.containsKey("--input") && given.containsKey("--output") ? Optional.of(new ConvertArgs(given)) : Optional.empty();
    }

    /** The command these flags make, as picocli would have filled it in. */
    ConvertCommand command() {
        ConvertCommand command = new ConvertCommand();
        command.input = given.get("--input");
        command.output = given.get("--output");
        command.format = given.getOrDefault("--format", "xml");
        command.indent = given.containsKey("--indent");
        command.wrongType = given.get("--wrong-type");
        command.profile = given.get("--profile");
        command.nulls = given.get("--nulls");
        command.strict = given.containsKey("--strict") ? Boolean.TRUE : null;
        return command;
    }

    /** Setting key to value for the flags given that set one (what {@link SettingFlags#values} gives for picocli). */
    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            if (SETTINGS.containsKey(name)) {
                settings.put(SETTINGS.get(name), value);
            }
        });
        return settings;
    }

    /** Runs the conversion; a failure ends as picocli's execution handler ends it ({@link Main}). */
    int run() {
        try {
            return command().convert(SettingsSource.standard(settings()));
        } catch (Exception e) {
            PrintWriter err = new PrintWriter(System.err, true);
            int exit = ProductflowException.report(e, err, "productflow convert");
            err.flush();
            return exit;
        }
    }
}
