package com.productflow.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The SAM template parameters that terraform fills, from {@code terraform/sam-parameters.txt}: the
 * one list both the terraform check and the template check compare against.
 */
public final class SamParameters {
    /** Where the list lives, relative to the repository root. */
    public static final Path FILE = Path.of("terraform", "sam-parameters.txt");

    private SamParameters() {
    }

    /** The parameter names in file order; blank lines and {@code #} comments are skipped. */
    public static List<String> read(Path repoRoot) throws IOException {
        return Files.readAllLines(repoRoot.resolve(FILE), StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }
}
