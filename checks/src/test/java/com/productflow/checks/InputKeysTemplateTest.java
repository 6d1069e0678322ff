package com.productflow.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.productflow.pipeline.InputKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The keys IngestFunction's EventBridge rule lets through (template.yaml, its {@code ObjectCreated}
 * event) are exactly the keys {@link InputKeys} accepts, which the backfill and the local watcher use:
 * one wildcard {@code ${InputPrefix}*<suffix>} per accepted suffix, matched case-sensitively as
 * EventBridge matches wildcards.
 */
class InputKeysTemplateTest {
    private static final String PREFIX = "incoming/";

    /** The {@code wildcard} filters on {@code detail.object.key}, {@code ${InputPrefix}} replaced by {@link #PREFIX}. */
    private static List<String> templateWildcards() throws Exception {
        SamTemplate template = SamTemplate.load(Repo.root());
        SamTemplate.Resource ingest = template.resource("IngestFunction").orElseThrow();
        Object event = SamTemplate.get(ingest.properties(), "Events", "ObjectCreated");
        assertThat(SamTemplate.text(SamTemplate.get(event, "Type"))).isEqualTo("EventBridgeRule");
        Object pattern = SamTemplate.get(event, "Properties", "Pattern");
        assertThat(SamTemplate.list(SamTemplate.get(pattern, "detail-type"))).containsExactly("Object Created");
        List<String> wildcards = new ArrayList<>();
        for (Object filter : SamTemplate.list(SamTemplate.get(pattern, "detail", "object", "key"))) {
            Object wildcard = SamTemplate.map(filter).get("wildcard");
            assertThat(SamTemplate.intrinsic(wildcard)).as("key filter %s", filter).isEqualTo("Fn::Sub");
            wildcards.add(String.valueOf(SamTemplate.map(wildcard).get("Fn::Sub")).replace("${InputPrefix}", PREFIX));
        }
        return wildcards;
    }

    /** EventBridge's wildcard: {@code *} matches any run of characters, everything else itself, case-sensitively. */
    private static boolean matches(String wildcard, String key) {
        StringBuilder regex = new StringBuilder();
        for (String literal : wildcard.split("\\*", -1)) {
            regex.append(regex.length() == 0 ? "" : ".*").append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(key).matches();
    }

    @Test
    void theTemplateFiltersOneWildcardPerAcceptedSuffix() throws Exception {
        assertThat(templateWildcards()).containsExactlyElementsOf(InputKeys.SUFFIXES.stream().map(s -> PREFIX + "*" + s).toList());
    }

    @Test
    void theTemplateAndTheCodeAcceptTheSameKeys() throws Exception {
        List<String> wildcards = templateWildcards();
        Map<String, Boolean> expected = Map.ofEntries(
                Map.entry("a.json", true), Map.entry("a.jsonl", true), Map.entry("a.json.gz", true),
                Map.entry("dir/b c&d.json", true), Map.entry(".json", true),
                Map.entry("P.JSON", false), Map.entry("a.Json", false), Map.entry("a.JSONL", false), Map.entry("a.json.GZ", false),
                Map.entry("a.json.bak", false), Map.entry("a.jsonl.gz", false), Map.entry("a.txt", false), Map.entry("json", false));
        expected.forEach((name, accepted) -> {
            String key = PREFIX + name;
            assertThat(InputKeys.accepted(key)).as("InputKeys.accepted(%s)", key).isEqualTo(accepted);
            assertThat(wildcards.stream().anyMatch(w -> matches(w, key))).as("template accepts %s", key).isEqualTo(accepted);
        });
    }
}
