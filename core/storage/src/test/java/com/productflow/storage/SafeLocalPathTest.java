package com.productflow.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.productflow.common.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeLocalPathTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"../x", "../../etc/x", "a/../../x", "a/..", "..", ".", "./a", "/etc/passwd", "//server/share",
            "a//b", "a/", "C:/Windows/x", "c:x", "a\\..\\..\\x", "\\x", "nul\u0000byte", "line\nbreak", "del\u007f", ""})
    void rejectsKeysThatCouldEscapeOrAreNotFileNames(String key) {
        assertThatThrownBy(() -> SafeLocalPath.resolve(dir, key))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("cannot be a local file name");
    }

    @Test
    void rejectsOverlongSegmentsAndNull() {
        assertThatThrownBy(() -> SafeLocalPath.resolve(dir, "a/" + "é".repeat(128)))
                .hasMessageContaining("longer than 255 bytes");
        assertThatThrownBy(() -> SafeLocalPath.resolve(dir, null)).isInstanceOf(BadInputException.class);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"x.xml", "a/b/c.json", "with space.xml", "ünïcødé/日本語.xml", "per%2Fcent", "a..b", "...", "plus+and&"})
    void keepsOrdinaryKeysInsideTheFolder(String key) {
        Path resolved = SafeLocalPath.resolve(dir, key);
        assertThat(resolved.startsWith(dir.toAbsolutePath().normalize())).isTrue();
        assertThat(dir.toAbsolutePath().normalize().relativize(resolved).toString()).isEqualTo(key);
    }

    @Test
    void refusesAFolderThatIsALinkOutside() throws IOException {
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Path work = Files.createDirectory(dir.resolve("work"));
        Files.createSymbolicLink(work.resolve("link"), outside);
        assertThatThrownBy(() -> SafeLocalPath.prepare(work, "link/x.xml"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("link out of");
        assertThat(SafeLocalPath.prepare(work, "sub/dir/x.xml")).isEqualTo(work.toRealPath().resolve("sub/dir/x.xml"));
        assertThat(work.resolve("sub/dir")).isDirectory();
    }
}
