package com.productflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.productflow.common.config.SettingsRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Flags become the top layer of settings through one mixin; each names a key of the registry. */
class SettingFlagsTest {

    @Test
    void givenFlagsAreTheirKeysAndAbsentOnesAreNotSet() {
        CommandLine cli = new CommandLine(new ExtractCommand());
        cli.parseArgs("--topic", "t1", "--days", "7", "--connect-timeout", "5s");
        assertThat(SettingFlags.values(cli.getCommandSpec())).containsOnly(
                entry("KAFKA_TOPIC", "t1"), entry("DEFAULT_DAYS_BACK", "7"), entry("KAFKA_CONNECT_TIMEOUT", "5s"));

        CommandLine convert = new CommandLine(new ConvertCommand());
        convert.parseArgs("--input", "in.json", "--output", "out.xml");
        // An absent --strict leaves CONVERT_STRICT to .env and the environment.
        assertThat(SettingFlags.values(convert.getCommandSpec())).isEmpty();
        convert.parseArgs("--input", "in.json", "--output", "out.xml", "--strict", "--nulls", "nil");
        assertThat(SettingFlags.values(convert.getCommandSpec())).containsOnly(
                entry("CONVERT_STRICT", "true"), entry("CONVERT_NULLS", "nil"));
    }

    @Test
    void flagsInAMixinOfFlagsAreReadThroughItsOwnSettingFlags() {
        S3ConvertCommand s3 = new S3ConvertCommand();
        new CommandLine(s3).parseArgs("--endpoint", "http://127.0.0.1:9000", "--s3-compat", "--parallelism", "3");
        assertThat(SettingFlags.values(s3.s3.flags.mixee)).containsOnly(
                entry("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000"), entry("S3_COMPAT", "true"), entry("S3_PARALLELISM", "3"));

        CommandLine files = new CommandLine(new FilesCommand());
        CommandLine.ParseResult parsed = files.parseArgs("list", "--table", "t-files", "--endpoint", "http://127.0.0.1:8000");
        FilesCommand.ListFiles list = parsed.subcommand().commandSpec().commandLine().getCommand();
        assertThat(SettingFlags.values(list.store.flags.mixee)).containsOnly(
                entry("STATE_TABLE", "t-files"), entry("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000"));
    }

    @Test
    void everyFlagThatNamesASettingNamesOneTheRegistryKnows() {
        List<String> keys = new ArrayList<>();
        collect(ProductflowCommand.commandLine(), keys);
        assertThat(keys).contains("KAFKA_TOPIC", "DB_URL", "CSV_FILE_PATH", "AWS_ENDPOINT_URL_S3", "STATE_TABLE", "CONVERT_NULLS");
        assertThat(keys).allSatisfy(key -> assertThat(SettingsRegistry.find(key)).as(key).isPresent());
    }

    private static void collect(CommandLine cli, List<String> keys) {
        for (OptionSpec option : cli.getCommandSpec().options()) {
            if (SettingFlags.namesASetting(option)) {
                keys.add(option.descriptionKey());
            }
        }
        cli.getSubcommands().values().forEach(sub -> collect(sub, keys));
    }
}
