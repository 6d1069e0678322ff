package com.productflow.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.productflow.common.BadInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FileIdTest {
    @Test
    void keysFollowTheTableDesign() {
        FileId versioned = FileId.ofVersion("in", "a/b c.json", "v1");
        assertThat(versioned.partitionKey()).isEqualTo("in/a/b c.json");
        assertThat(versioned.sortKey()).isEqualTo("v#v1");

        FileId plain = FileId.ofEtag("in", "a.json", "\"9b2cf535f27731c974343645a3985328\"");
        assertThat(plain.etag()).isEqualTo("9b2cf535f27731c974343645a3985328");
        assertThat(plain.sortKey()).isEqualTo("e#9b2cf535f27731c974343645a3985328");
    }

    @Test
    void theNullVersionIdOfUnversionedObjectsFallsBackToTheEtag() {
        FileId id = new FileId("in", "a.json", "null", "\"e1\"");
        assertThat(id.versionId()).isNull();
        assertThat(id.sortKey()).isEqualTo("e#e1");
        // A version id wins over the ETag when both are known.
        assertThat(new FileId("in", "a.json", "v9", "e1").sortKey()).isEqualTo("v#v9");
    }

    @Test
    void badNamesAreRefusedNamingThem() {
        assertThatThrownBy(() -> FileId.ofEtag("in/side", "k", "e")).isInstanceOf(BadInputException.class).hasMessageContaining("in/side");
        assertThatThrownBy(() -> FileId.ofEtag("watermark#x", "k", "e")).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> FileId.ofEtag("in", "", "e")).isInstanceOf(BadInputException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> FileId.ofEtag("in", "k".repeat(1025), "e")).isInstanceOf(BadInputException.class).hasMessageContaining("1024");
        assertThatThrownBy(() -> new FileId("in", "k.json", null, "\"\"")).isInstanceOf(BadInputException.class).hasMessageContaining("s3://in/k.json");
    }

    @Test
    void timestampsHaveFixedWidthSoTextOrderIsTimeOrder() {
        assertThat(Timestamps.format(Instant.parse("2026-11-25T08:09:20Z"))).isEqualTo("2026-11-25T08:09:20.000Z");
        assertThat(Timestamps.format(Instant.parse("2026-11-25T08:09:20.123456Z"))).isEqualTo("2026-11-25T08:09:20.123Z");
        assertThat(Timestamps.format(Instant.parse("2026-11-25T08:09:09.9Z")))
                .isLessThan(Timestamps.format(Instant.parse("2026-11-25T08:09:10Z")));
    }
}
