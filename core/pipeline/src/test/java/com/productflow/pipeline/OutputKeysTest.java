package com.productflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutputKeysTest {
    @Test
    void everyInputGetsItsOwnOutputKey() {
        OutputKeys keys = new OutputKeys("out", "xml/");
        List<String> outputs = List.of("d/p.json", "d/p.jsonl", "d/p.json.gz", "d/p.jsonl.json", "d/p").stream()
                .map(key -> keys.outputFor("in", key).key()).toList();
        assertThat(outputs).containsExactly("xml/d/p.json.xml", "xml/d/p.jsonl.xml", "xml/d/p.json.gz.xml", "xml/d/p.jsonl.json.xml", "xml/d/p.xml")
                .doesNotHaveDuplicates();
        assertThat(keys.outputFor("in", "d/p.json").bucket()).isEqualTo("out");
    }
}
