package com.productflow.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExecutionNamesTest {
    @Test
    void sameObjectSameNameOtherIdentityOtherName() {
        ObjectRef v1 = new ObjectRef("in", "drop/products.json", "v1", "e", 10);
        assertThat(ExecutionNames.of(v1)).isEqualTo(ExecutionNames.of(new ObjectRef("in", "drop/products.json", "v1", "other-etag", 99)));
        assertThat(ExecutionNames.of(v1)).isNotEqualTo(ExecutionNames.of(new ObjectRef("in", "drop/products.json", "v2", "e", 10)));
        assertThat(ExecutionNames.of(new ObjectRef("in", "a.json", null, "e1", 1)))
                .isNotEqualTo(ExecutionNames.of(new ObjectRef("in", "a.json", null, "e2", 1)));
        assertThat(ExecutionNames.of(v1)).startsWith("products_json-");
    }

    @Test
    void hostileAndLongKeysGiveValidNames() {
        String longKey = "x/".repeat(10) + "ü €&<>{}[]?*\"#%^|~`$,;:".repeat(20) + ".json";
        for (String key : new String[] {longKey, "../../etc/passwd", "dir/", "名前.json"}) {
            String name = ExecutionNames.of(new ObjectRef("in", key, null, "etag", 1));
            assertThat(name).hasSizeLessThanOrEqualTo(80).matches("[A-Za-z0-9_-]+");
        }
    }
}
