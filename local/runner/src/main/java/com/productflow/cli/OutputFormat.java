package com.productflow.cli;

/** {@code --output json|table}: a table for people at a terminal, one JSON line for pipes and scripts. */
enum OutputFormat {
    JSON, TABLE;

    /** The flag's value, or by default TABLE on an interactive terminal and JSON when stdout is piped or redirected. */
    static OutputFormat resolve(String flag) {
        if (flag == null) {
            return System.console() != null ? TABLE : JSON;
        }
        return switch (flag.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "json" -> JSON;
            case "table" -> TABLE;
            default -> throw new com.productflow.common.BadInputException("--output must be json or table, got '" + flag + "'");
        };
    }

    /** The {@code --output json|table} option, as a mixin of the commands that print records. */
    static final class Option {
        @picocli.CommandLine.Option(names = "--output", paramLabel = "json|table",
                description = "json: one JSON line; table: aligned for reading. Default: table on a terminal, json when piped.")
        String value;

        OutputFormat resolve() {
            return OutputFormat.resolve(value);
        }
    }
}
