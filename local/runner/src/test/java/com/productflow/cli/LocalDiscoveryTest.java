package com.productflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.productflow.common.config.SettingsRegistry;
import com.productflow.common.config.SettingsSource;
import com.productflow.local.LocalStackFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .productflow/local.json: written with the pid, used only while that process lives, never over a given endpoint. */
class LocalDiscoveryTest {
    private static final String LINE = "{\"s3\":\"http://127.0.0.1:4001\",\"kafka\":\"127.0.0.1:4002\",\"dynamodb\":\"http://127.0.0.1:4003\","
            + "\"stepfunctions\":\"http://127.0.0.1:4004\",\"lambda\":\"http://127.0.0.1:4005\",\"topic\":\"product-updates\","
            + "\"region\":\"us-east-1\",\"accessKey\":\"local-access-key\",\"secretKey\":\"local-secret-key\",\"stateTable\":\"local-files\"}";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private SettingsSource discover(LocalStackFile file, Map<String, String> given, LocalDiscovery.Service... services) {
        return LocalDiscovery.withLocalStack(SettingsSource.of(given), file, new PrintStream(err, true, StandardCharsets.UTF_8), services);
    }

    private String said() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLiveStackFillsTheMissingEndpointsAndSaysSo() {
        LocalStackFile file = new LocalStackFile(dir.resolve(".productflow/local.json"));
        file.write(LINE);
        SettingsSource settings = discover(file, Map.of(), LocalDiscovery.Service.DYNAMODB, LocalDiscovery.Service.S3, LocalDiscovery.Service.KAFKA);

        assertThat(value(settings, "DYNAMODB_ENDPOINT")).contains("http://127.0.0.1:4003");
        assertThat(value(settings, "STATE_TABLE")).contains("local-files");
        assertThat(value(settings, "S3_ENDPOINT")).contains("http://127.0.0.1:4001");
        assertThat(value(settings, "S3_ACCESS_KEY_ID")).contains("local-access-key");
        assertThat(value(settings, "KAFKA_BOOTSTRAP_SERVERS")).contains("127.0.0.1:4002");
        assertThat(value(settings, "AWS_REGION")).contains("us-east-1");
        assertThat(settings.origin("DYNAMODB_ENDPOINT")).contains(".productflow/local.json");
        assertThat(said()).contains("using the local stack in").contains("dynamodb=http://127.0.0.1:4003")
                .contains("pid " + ProcessHandle.current().pid());
    }

    @Test
    void anEndpointGivenByFlagOrEnvironmentWins() {
        LocalStackFile file = new LocalStackFile(dir.resolve("local.json"));
        file.write(LINE);
        SettingsSource settings = discover(file, Map.of("DYNAMODB_ENDPOINT", "http://127.0.0.1:9999", "STATE_TABLE", "mine"),
                LocalDiscovery.Service.DYNAMODB);
        assertThat(value(settings, "DYNAMODB_ENDPOINT")).contains("http://127.0.0.1:9999");
        assertThat(value(settings, "STATE_TABLE")).contains("mine");
        assertThat(said()).isEmpty();

        // AWS_ENDPOINT_URL_S3 (as `productflow env` exports it) is an S3 endpoint given by the environment.
        SettingsSource s3 = discover(file, Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:7777"), LocalDiscovery.Service.S3);
        assertThat(value(s3, "S3_ENDPOINT")).contains("http://127.0.0.1:7777");
        assertThat(value(s3, "S3_ACCESS_KEY_ID")).isEmpty();
        assertThat(said()).isEmpty();
    }

    @Test
    void aStaleFileFromAKilledProcessIsIgnoredWithANote() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path path = dir.resolve("local.json");
        Files.writeString(path, new ObjectMapper().readTree(LINE).deepCopy().toString().replaceFirst("\\{", "{\"pid\":" + gone.pid() + ","));
        LocalStackFile file = new LocalStackFile(path);

        assertThat(file.live()).isEmpty();
        assertThat(file.stale()).isTrue();
        SettingsSource settings = discover(file, Map.of(), LocalDiscovery.Service.DYNAMODB);
        assertThat(value(settings, "DYNAMODB_ENDPOINT")).isEmpty();
        assertThat(said()).contains("ignoring").contains("no longer running");
    }

    @Test
    void theFileIsRemovedOnlyByTheProcessThatWroteIt() throws Exception {
        LocalStackFile file = new LocalStackFile(dir.resolve("x/local.json"));
        file.write(LINE);
        assertThat(new ObjectMapper().readTree(Files.readString(file.path())).path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        file.removeIfOurs();
        assertThat(file.path()).doesNotExist();

        Files.writeString(file.path(), LINE.replaceFirst("\\{", "{\"pid\":1,"));
        file.removeIfOurs();
        assertThat(file.path()).exists();
    }

    @Test
    void envPrintsShellSafeExportsForEveryTool() throws Exception {
        Map<String, String> env = EnvCommand.exports(new ObjectMapper().readTree(LINE));
        assertThat(env).containsOnlyKeys("AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SFN", "AWS_ENDPOINT_URL_LAMBDA",
                "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "AWS_DEFAULT_REGION", "KAFKA_BOOTSTRAP_SERVERS");
        assertThat(env.get("AWS_ENDPOINT_URL_SFN")).isEqualTo("http://127.0.0.1:4004");
        assertThat(EnvCommand.quote("a'b")).isEqualTo("'a'\\''b'");
    }

    /** The value a layer sets for registry key {@code key}, as text. */
    private static Optional<String> value(SettingsSource settings, String key) {
        return settings.optional(SettingsRegistry.setting(key)).map(String::valueOf);
    }
}
