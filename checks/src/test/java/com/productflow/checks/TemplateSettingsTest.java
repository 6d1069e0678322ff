package com.productflow.checks;

import com.productflow.common.config.InvalidSettingException;
import com.productflow.common.config.SettingsSource;
import com.productflow.extract.publish.KafkaSettings;
import com.productflow.template.CfnYaml;
import com.productflow.template.SamTemplate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every environment variable of template.yaml is a key of the settings registry, with a value its
 * type accepts wherever the template fixes one; broken copies show each rule can fail.
 */
class TemplateSettingsTest {
    static String text;

    @BeforeAll
    static void read() throws Exception {
        text = Files.readString(Repo.root().resolve(SamTemplate.FILE));
    }

    static TemplateSettings of(String templateText) {
        return new TemplateSettings(new SamTemplate(CfnYaml.parse("template.yaml", templateText)));
    }

    @Test
    void everyTemplateVariableIsAKnownSettingWithAValidValue() {
        TemplateSettings settings = of(text);
        // Sanity: Globals, function variables and the values behind !If and !Ref are all seen.
        assertThat(settings.variables()).extracting(TemplateSettings.Variable::key)
                .contains("STATE_TABLE", "STATE_MAX_ATTEMPTS", "STATE_LEASE", "S3_PART_SIZE", "KAFKA_AUTH", "DB_TYPE",
                        "POWERTOOLS_SERVICE_NAME", "JAVA_TOOL_OPTIONS");
        Object dbType = settings.environmentOf("ExtractFunction").get("DB_TYPE");
        assertThat(settings.fixedValues(dbType, "")).extracting(TemplateSettings.Fixed::text)
                .containsExactlyInAnyOrder("sqlite", "sqlite", "postgresql"); // the Default and the AllowedValues
        assertThat(settings.findings()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown key in a function      | STATE_LEASE: 16m            | STATE_LEAS: 16m            | STATE_LEAS is not a setting",
        "unknown key in Globals         | POWERTOOLS_LOG_LEVEL: INFO  | POWERTOOLS_LOGLEVEL: INFO  | Globals.Function: environment variable POWERTOOLS_LOGLEVEL",
        "literal of the wrong type      | STATE_LEASE: 16m            | STATE_LEASE: 16 minutes    | ConvertFunction: STATE_LEASE must be a duration",
        "number out of range            | S3_PARALLELISM: \"6\"         | S3_PARALLELISM: \"65\"       | S3_PARALLELISM must be between 1 and 64",
        "choice not allowed             | KAFKA_AUTH: iam             | KAFKA_AUTH: kerberos       | KAFKA_AUTH must be one of none",
        "parameter default invalid      | Default: sqlite             | Default: mysql             | DB_TYPE (parameter DbType) must be one of sqlite",
        "parameter allowed value invalid| '[sqlite, postgresql]'      | '[sqlite, postgresql, oracle]' | DB_TYPE (parameter DbType) must be one of",
    })
    void aBrokenTemplateIsNamed(String name, String from, String to, String expected) {
        assertThat(text).as("the case edits text that exists").contains(from);
        List<String> findings = of(text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)))
                .findings();
        assertThat(findings).anySatisfy(f -> assertThat(f).contains(expected));
    }

    @Test
    void theExtractFunctionsKafkaSettingsPassKafkasOwnChecks() {
        assertThat(KafkaSettings.from(extractSettings(text)).auth().name()).isEqualTo("IAM");
        String broken = text.replaceFirst("KAFKA_AUTH: iam", "KAFKA_AUTH: iam\n          KAFKA_ACKS: \"1\"");
        assertThat(of(broken).findings()).isEmpty(); // a valid text for the registry...
        assertThatThrownBy(() -> KafkaSettings.from(extractSettings(broken)))  // ...that Kafka refuses (idempotence)
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("KAFKA_ACKS"));
    }

    /** ExtractFunction's fixed literal values, with stand-ins for what is known at deploy time only. */
    private static SettingsSource extractSettings(String templateText) {
        TemplateSettings settings = of(templateText);
        Map<String, String> values = new HashMap<>();
        settings.environmentOf("ExtractFunction").forEach((key, value) -> {
            if (SamTemplate.intrinsic(value).isEmpty()) {
                values.put(key, SamTemplate.text(value));
            }
        });
        values.putIfAbsent("KAFKA_BOOTSTRAP_SERVERS", "b-1.example:9098");
        return SettingsSource.builder().layer("template.yaml", values).build();
    }
}
