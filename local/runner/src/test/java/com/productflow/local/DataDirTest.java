package com.productflow.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.productflow.common.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data dir's lock and its own copy of the settings file (the kill -9 case: LocalDataDirProcessTest). */
class DataDirTest {
    @TempDir
    Path work;

    @Test
    void oneHolderAtATimeAndFreeAgainOnceClosed() {
        Path dir = work.resolve("data");
        try (DataDir held = DataDir.open(dir)) {
            assertThat(held.root()).isEqualTo(dir.toAbsolutePath());
            assertThatThrownBy(() -> DataDir.open(dir)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining(dir.toAbsolutePath().toString()).hasMessageContaining("in use")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
        }
        try (DataDir again = DataDir.open(dir)) {
            assertThat(again.s3()).isEqualTo(dir.toAbsolutePath().resolve("s3"));
        }
    }

    @Test
    void theSettingsAreCopiedOnTheFirstStartAndKeptAfterwards() throws Exception {
        Path defaults = Files.writeString(work.resolve("env.json"), "{\"Parameters\":{\"A\":\"1\"}}");
        Path mine = Files.writeString(work.resolve("mine.json"), "{\"Parameters\":{\"A\":\"2\"}}");
        try (DataDir data = DataDir.open(work.resolve("data"))) {
            Path used = data.settings(defaults, false);
            assertThat(used).isEqualTo(data.envVars());
            Files.writeString(defaults, "{\"Parameters\":{\"A\":\"changed\"}}");
            assertThat(Files.readString(data.settings(defaults, false))).contains("\"1\"");
            assertThat(Files.readString(data.settings(mine, true))).contains("\"2\"");
            assertThat(Files.readString(data.settings(null, false))).contains("\"2\"");
        }
    }
}
