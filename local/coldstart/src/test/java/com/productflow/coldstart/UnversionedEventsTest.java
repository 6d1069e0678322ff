package com.productflow.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UnversionedEventsTest {
    @Test
    void dropsTheVersionIdsOfEveryEventShapeAndKeepsTheRest() throws Exception {
        for (String name : new String[] {"s3-put.json", "eventbridge-object-created.json"}) {
            String event = Files.readString(Path.of("../../events", name));
            assertThat(event).containsPattern("\"version-?[iI]d\"");
            String local = UnversionedEvents.withoutVersions(event);
            assertThat(local).as(name).doesNotContainPattern("\"version-?[iI]d\"")
                    .contains("\"sequencer\":\"0A1B2C3D4E5F678901\"", "6bd3785b4aca4da89c7a3629cbf33bdd");
        }
        assertThat(UnversionedEvents.withoutVersions("{\"object\":{\"bucket\":\"b\",\"key\":\"k\",\"versionId\":\"v\",\"etag\":\"e\"}}"))
                .isEqualTo("{\"object\":{\"bucket\":\"b\",\"key\":\"k\",\"etag\":\"e\"}}");
        String convert = Files.readString(Path.of("../../events/convert.json"));
        assertThat(convert).contains("\"versionId\"");
        assertThat(UnversionedEvents.withoutVersions(convert)).doesNotContain("\"versionId\"")
                .contains("\"etag\":\"6bd3785b4aca4da89c7a3629cbf33bdd\"", "\"executionId\"");
        assertThat(UnversionedEvents.withoutVersions("not json")).isEqualTo("not json");
    }
}
