package com.productflow.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import com.productflow.pipeline.ObjectRef;
import org.junit.jupiter.api.Test;

/** Decodes the committed sample events in events/, the same files `productflow invoke` uses. */
class ObjectEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode event(String name) throws Exception {
        return JSON.readTree(Path.of("../../events", name).toFile());
    }

    @Test
    void s3PutNotification() throws Exception {
        List<ObjectRef> refs = ObjectEvents.parse(event("s3-put.json"));
        assertThat(refs).containsExactly(new ObjectRef("productflow-input", "incoming/sample_products.json",
                "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY", "6bd3785b4aca4da89c7a3629cbf33bdd", 12345));
    }

    @Test
    void batchNotificationDecodesFormEncodedKeysAndStripsQuotes() throws Exception {
        List<ObjectRef> refs = ObjectEvents.parse(event("s3-batch.json"));
        assertThat(refs).extracting(ObjectRef::key)
                .containsExactly("incoming/products-a.json", "incoming/products+b & more.jsonl", "incoming/products-c.json.gz");
        assertThat(refs.get(1).etag()).isEqualTo("22222222222222222222222222222222-2");
        assertThat(refs.get(0).versionId()).isNull();
    }

    @Test
    void eventBridgeObjectCreated() throws Exception {
        List<ObjectRef> refs = ObjectEvents.parse(event("eventbridge-object-created.json"));
        assertThat(refs).singleElement().satisfies(ref -> {
            assertThat(ref.bucket()).isEqualTo("productflow-input");
            assertThat(ref.key()).isEqualTo("incoming/sample_products.json");
            assertThat(ref.versionId()).isEqualTo("3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY");
        });
    }

    @Test
    void backfillRequestAndNonCreateRecords() throws Exception {
        JsonNode backfill = JSON.readTree("{\"object\":{\"bucket\":\"b\",\"key\":\"k.json\",\"etag\":\"\\\"e1\\\"\",\"size\":3}}");
        assertThat(ObjectEvents.parse(backfill)).containsExactly(new ObjectRef("b", "k.json", null, "e1", 3));
        JsonNode delete = JSON.readTree("{\"Records\":[{\"eventName\":\"ObjectRemoved:Delete\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"k\"}}}]}");
        assertThat(ObjectEvents.parse(delete)).isEmpty();
    }

    @Test
    void unknownShapesAreInvalidInput() throws Exception {
        assertThatThrownBy(() -> ObjectEvents.parse(event("schedule.json"))).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> ObjectEvents.parse(JSON.readTree("[1]"))).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> ObjectEvents.parse(JSON.readTree("{\"object\":{\"bucket\":\"b\"}}")))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("key");
    }
}
