package com.productflow.checks;

import com.productflow.template.SamParameters;
import com.productflow.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Locations in the repository under test, and copies of them that a test may break. */
final class Repo {
    private Repo() {
    }

    /** The repository root (set by the POM; falls back to the module's parent directory). */
    static Path root() {
        return Path.of(System.getProperty("productflow.repo", "..")).toAbsolutePath().normalize();
    }

    static Path terraform() {
        return root().resolve("terraform");
    }

    /**
     * Copies what the template checks read (template.yaml, statemachine/, terraform/sam-parameters.txt)
     * into {@code target}, in the repository's layout.
     */
    static void copyTemplateFiles(Path target) {
        try {
            Files.copy(root().resolve(SamTemplate.FILE), target.resolve(SamTemplate.FILE));
            copyTree(root().resolve(TemplateChecks.STATE_MACHINE_DIR), target.resolve(TemplateChecks.STATE_MACHINE_DIR));
            Files.createDirectories(target.resolve(SamParameters.FILE).getParent());
            Files.copy(root().resolve(SamParameters.FILE), target.resolve(SamParameters.FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies {@code source} (a directory) into {@code target}, skipping .terraform/ caches. */
    static void copyTree(Path source, Path target) {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path rel = source.relativize(p);
                if (rel.toString().startsWith(".terraform")) {
                    continue;
                }
                Path dest = target.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
