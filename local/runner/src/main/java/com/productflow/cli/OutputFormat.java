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
}
