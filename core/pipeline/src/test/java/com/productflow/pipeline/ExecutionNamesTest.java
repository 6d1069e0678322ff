package com.productflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.productflow.state.FileId;
import org.junit.jupiter.api.Test;

class ExecutionNamesTest {
    @Test
    void sameUploadSameNameOtherIdentityOtherName() {
        FileId v1 = FileId.ofVersion("in", "drop/products.json", "v1");
        assertThat(ExecutionNames.forFile(v1)).isEqualTo(ExecutionNames.forFile(FileId.ofVersion("in", "drop/products.json", "v1")));
        assertThat(ExecutionNames.forFile(v1)).isNotEqualTo(ExecutionNames.forFile(FileId.ofVersion("in", "drop/products.json", "v2")));
        assertThat(ExecutionNames.forFile(FileId.ofEtag("in", "a.json", "e1")))
                .isNotEqualTo(ExecutionNames.forFile(FileId.ofEtag("in", "a.json", "e2")));
        assertThat(ExecutionNames.forFile(v1)).startsWith("products_json-");
    }

    @Test
    void attemptsGetTheirOwnNamesAndTheFirstIsTheIngestName() {
        FileId file = FileId.ofEtag("in", "a.json", "e1");
        assertThat(ExecutionNames.forAttempt(file, 1)).isEqualTo(ExecutionNames.forFile(file));
        assertThat(ExecutionNames.forAttempt(file, 2)).isEqualTo(ExecutionNames.forFile(file) + "-a2");
    }

    @Test
    void hostileAndLongKeysGiveValidNames() {
        String longKey = "x/".repeat(10) + "ü €&<>{}[]?*\"#%^|~`$,;:".repeat(20) + ".json";
        for (String key : new String[] {longKey, "../../etc/passwd", "dir/", "名前.json"}) {
            FileId file = FileId.ofEtag("in", key, "etag");
            assertThat(ExecutionNames.forAttempt(file, 9999)).hasSizeLessThanOrEqualTo(80).matches("[A-Za-z0-9_-]+");
        }
    }
}
