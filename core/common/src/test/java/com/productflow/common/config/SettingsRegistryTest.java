package com.productflow.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsRegistryTest {

    @Test
    void everyKeyHasADocAGroupAndAValidDefault() {
        assertThat(SettingsRegistry.all()).hasSizeGreaterThan(60);
        Set<String> keys = new HashSet<>();
        for (Setting<?> s : SettingsRegistry.all()) {
            assertThat(keys.add(s.key())).as("defined once: %s", s.key()).isTrue();
            assertThat(s.key()).matches("[A-Z][A-Z0-9_]*");
            assertThat(s.doc()).as("doc of %s", s.key()).isNotBlank().endsWith(".");
            assertThat(s.type().describe()).isNotBlank();
            // A default parses as its own type (the registry refuses to load otherwise).
            s.defaultText().ifPresent(text -> assertThat(s.defaultValue()).isPresent());
            assertThat(SettingsRegistry.setting(s.key())).isSameAs(s);
        }
    }

    @Test
    void theKeysEveryPartReadsAreThere() {
        assertThat(SettingsRegistry.all()).extracting(Setting::key).contains(
                "CONVERT_NULLS", "S3_PART_SIZE", "STATE_LEASE", "KAFKA_ACKS", "EXTRACT_MODE", "OUTPUT_BUCKET", "DB_TYPE",
                "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SFN", "AWS_ENDPOINT_URL_LAMBDA",
                "POWERTOOLS_SERVICE_NAME", "JAVA_TOOL_OPTIONS");
    }

    @Test
    void anUnknownKeyIsAnErrorNamingIt() {
        assertThat(SettingsRegistry.find("KAFKA_TOPICS")).isEmpty();
        assertThatThrownBy(() -> SettingsRegistry.setting("KAFKA_TOPICS"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("KAFKA_TOPICS").hasMessageContaining("SettingsRegistry");
    }

    @Test
    void aValueOfTheWrongTypeNamesKeyValueAndOrigin() {
        Map<Setting<?>, String> wrong = Map.of(
                SettingsRegistry.S3_PARALLELISM, "six",
                SettingsRegistry.S3_PART_SIZE, "lots",
                SettingsRegistry.CONVERT_STRICT, "maybe",
                SettingsRegistry.STATE_LEASE, "soon",
                SettingsRegistry.S3_ENDPOINT, "not a url",
                SettingsRegistry.EXTRACT_TODAY, "tomorrow",
                SettingsRegistry.OUTPUT_FORMATS, "csv");
        wrong.forEach((setting, value) -> {
            SettingsSource settings = SettingsSource.builder().layer(".env", Map.of(setting.key(), value)).build();
            assertThatThrownBy(() -> settings.get(setting))
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageStartingWith("setting " + setting.key() + ": ")
                    .hasMessageContaining(value)
                    .hasMessageEndingWith("(from .env)");
        });
    }

    @Test
    void eachValidatorAcceptsItsRangeAndRejectsTheRest() {
        // whole numbers: inclusive bounds
        assertThat(SettingsRegistry.S3_PARALLELISM.parse("1")).isEqualTo(1);
        assertThat(SettingsRegistry.S3_PARALLELISM.parse("64")).isEqualTo(64);
        assertRejected(SettingsRegistry.S3_PARALLELISM, "65", "between 1 and 64");
        assertRejected(SettingsRegistry.S3_PARALLELISM, "0", "between 1 and 64");
        // sizes: units and bounds
        assertThat(SettingsRegistry.S3_PART_SIZE.parse("5MiB")).isEqualTo(5L << 20);
        assertThat(SettingsRegistry.KAFKA_BATCH_SIZE.parse("64k")).isEqualTo(64L << 10);
        assertRejected(SettingsRegistry.S3_PART_SIZE, "4MiB", "bytes");
        assertRejected(SettingsRegistry.S3_PART_SIZE, "8TiB", "unknown size unit");
        assertRejected(SettingsRegistry.S3_PART_SIZE, "99999999999999999999", "too large");
        // booleans
        assertThat(SettingsRegistry.CONVERT_STRICT.parse("ON")).isTrue();
        assertThat(SettingsRegistry.CONVERT_STRICT.parse("0")).isFalse();
        // durations: units, ISO and bounds
        assertThat(SettingsRegistry.STATE_LEASE.parse("PT15M")).isEqualTo(Duration.ofMinutes(15));
        assertThat(SettingsRegistry.STATE_LEASE.parse("900s")).isEqualTo(Duration.ofMinutes(15));
        assertRejected(SettingsRegistry.STATE_LEASE, "0s", "from 1ms to 24h");
        assertRejected(SettingsRegistry.STATE_LEASE, "25h", "from 1ms to 24h");
        assertRejected(SettingsRegistry.EXTRACT_LATE_COMMIT_DELAY, "-1s", "from 0s");
        assertThat(SettingsRegistry.EXTRACT_LATE_COMMIT_DELAY.parse("0s")).isEqualTo(Duration.ZERO);
        // choices: case-insensitive, '-' as '_', returned as the enum constant's spelling
        assertThat(SettingsRegistry.S3_PART_CHECKSUM.parse("SHA256")).isEqualTo("SHA256");
        assertThat(SettingsRegistry.EXTRACT_MODE.parse("Incremental")).isEqualTo("INCREMENTAL");
        assertRejected(SettingsRegistry.KAFKA_AUTH, "kerberos", "none|iam");
        // sets of choices: order kept, no repeats, no empty entry
        assertThat(SettingsRegistry.OUTPUT_FORMATS.parse("xml")).containsExactly("XML");
        assertThat(SettingsRegistry.OUTPUT_FORMATS.parse("Parquet , xml")).containsExactly("PARQUET", "XML");
        assertRejected(SettingsRegistry.OUTPUT_FORMATS, "csv", "comma-separated list of xml|parquet, got 'csv'");
        assertRejected(SettingsRegistry.OUTPUT_FORMATS, "xml,csv", "'csv' is not one of them");
        assertRejected(SettingsRegistry.OUTPUT_FORMATS, "xml,xml", "names xml twice");
        assertRejected(SettingsRegistry.OUTPUT_FORMATS, "xml,", "no empty entry");
        // patterns
        assertThat(SettingsRegistry.STATE_TABLE.parse("productflow-files")).isEqualTo("productflow-files");
        assertRejected(SettingsRegistry.STATE_TABLE, "a/b", "3-255 characters");
        assertRejected(SettingsRegistry.KAFKA_TOPIC, "a b", "1-249 characters");
        assertRejected(SettingsRegistry.AWS_REGION, "Europe", "region name");
        assertRejected(SettingsRegistry.OUTPUT_BUCKET, "Output_Bucket", "S3 bucket name");
        // URLs and dates
        assertThat(SettingsRegistry.AWS_ENDPOINT_URL_SFN.parse("http://127.0.0.1:8083")).isEqualTo(URI.create("http://127.0.0.1:8083"));
        assertRejected(SettingsRegistry.AWS_ENDPOINT_URL_S3, "ftp://x", "http:// or https://");
        assertRejected(SettingsRegistry.DYNAMODB_ENDPOINT, "http://", "not a URL");
        assertRejected(SettingsRegistry.DYNAMODB_ENDPOINT, "localhost:8000", "http:// or https://");
        assertThat(SettingsRegistry.EXTRACT_TODAY.parse("2026-11-25")).isEqualTo(LocalDate.of(2026, 11, 25));
        // text checked by another library: only normalised here
        assertThat(SettingsRegistry.KAFKA_ACKS.parse("ALL")).isEqualTo("all");
    }

    @Test
    void defaultsApplyOnlyWhenNoLayerSetsTheKey() {
        SettingsSource empty = SettingsSource.of(Map.of());
        assertThat(empty.get(SettingsRegistry.S3_PART_SIZE)).isEqualTo(8L << 20);
        assertThat(empty.optional(SettingsRegistry.S3_PART_SIZE)).isEmpty();
        assertThat(empty.get(SettingsRegistry.STATE_LEASE)).isEqualTo(Duration.ofMinutes(15));
        assertThat(SettingsSource.of(Map.of("S3_PART_SIZE", "16MiB")).get(SettingsRegistry.S3_PART_SIZE)).isEqualTo(16L << 20);
    }

    private static void assertRejected(Setting<?> setting, String value, String message) {
        assertThatThrownBy(() -> setting.parse(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
