package com.productflow.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productflow.functions.InvalidInput;
import com.productflow.stack.s3.S3Stack;
import com.productflow.storage.S3ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** Paging through a prefix on a real S3-compatible server (s3proxy), as the backfill does. */
class ListFilesHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static S3Stack s3;

    @BeforeAll
    static void start() {
        s3 = S3Stack.startTransient();
        s3.createBucket("in-bucket");
        for (String key : List.of("incoming/a.json", "incoming/b.jsonl", "incoming/c.json.gz", "incoming/notes.txt",
                "incoming/d e&f.json", "incoming/upper.JSON", "other/x.json")) {
            s3.client().putObject(b -> b.bucket("in-bucket").key(key), RequestBody.fromString("[]"));
        }
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    private static JsonNode invoke(String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ListFilesHandler(new S3ObjectStore(s3.client(), false))
                .handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return JSON.readTree(out.toByteArray());
    }

    @Test
    void pagesThroughThePrefixKeepingOnlyAcceptedSuffixes() throws Exception {
        List<String> keys = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String event = "{\"bucket\":\"in-bucket\",\"prefix\":\"incoming/\",\"maxKeys\":2,\"continuationToken\":"
                    + (token == null ? "null" : JSON.writeValueAsString(token)) + "}";
            JsonNode page = invoke(event);
            page.get("files").forEach(f -> keys.add(f.get("key").asText()));
            assertThat(page.has("nextContinuationToken")).isTrue();
            token = page.get("nextContinuationToken").isNull() ? null : page.get("nextContinuationToken").asText();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        // Case-sensitive, as the template's EventBridge wildcards (InputKeys): upper.JSON is not an input.
        assertThat(keys).containsExactlyInAnyOrder("incoming/a.json", "incoming/b.jsonl", "incoming/c.json.gz", "incoming/d e&f.json");
    }

    @Test
    void badRequestsAreInvalidInput() {
        assertThatThrownBy(() -> invoke("{\"prefix\":\"x\"}")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> invoke("{\"bucket\":\"in-bucket\",\"maxKeys\":0}")).isInstanceOf(InvalidInput.class);
    }
}
