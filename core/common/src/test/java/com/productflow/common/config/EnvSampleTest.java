package com.productflow.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed .env.sample is what {@link EnvSample} generates from the registry. */
class EnvSampleTest {
    /** The repository root: the tests run in core/common. */
    private static final Path SAMPLE = Path.of("../../.env.sample").toAbsolutePath().normalize();

    @Test
    void committedSampleIsGeneratedFromTheRegistry() throws Exception {
        String expected = EnvSample.render();
        if (Boolean.getBoolean("productflow.writeEnvSample")) {
            Files.writeString(SAMPLE, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(SAMPLE, StandardCharsets.UTF_8))
                .as(SAMPLE + " differs from what SettingsRegistry generates; regenerate it from the repository root with: "
                        + EnvSample.REGENERATE)
                .isEqualTo(expected);
    }

    @Test
    void everyKeyIsInTheSampleAndEveryLineParsesAsDotEnv() throws Exception {
        String sample = EnvSample.render();
        for (Setting<?> s : SettingsRegistry.all()) {
            assertThat(sample).contains("\n#" + s.key() + "=");
        }
        // Uncommenting every key gives a .env that reads, and whose values are valid for their keys.
        Path env = Files.createTempFile("env", ".sample");
        try {
            Files.writeString(env, sample.replaceAll("(?m)^#([A-Z][A-Z0-9_]*=)", "$1"));
            SettingsSource all = SettingsSource.builder().layer(".env", DotEnv.read(env)).build();
            for (Setting<?> s : SettingsRegistry.all()) {
                all.optional(s);
            }
            assertThat(DotEnv.read(env)).containsEntry("S3_PART_SIZE", "8MiB").containsEntry("KAFKA_ACKS", "all");
        } finally {
            Files.delete(env);
        }
    }
}
