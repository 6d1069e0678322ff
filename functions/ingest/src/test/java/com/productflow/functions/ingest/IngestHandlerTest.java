package com.productflow.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.productflow.functions.InvalidInput;
import com.productflow.pipeline.ExecutionNames;
import com.productflow.pipeline.FileIngest;
import com.productflow.pipeline.SfnExecutionStarter;
import com.productflow.stack.dynamo.Dynalite;
import com.productflow.stack.s3.S3Stack;
import com.productflow.stack.sfn.LocalStepFunctions;
import com.productflow.state.FileId;
import com.productflow.state.FileStatus;
import com.productflow.state.dynamo.DynamoClients;
import com.productflow.state.dynamo.DynamoFileStateStore;
import com.productflow.state.dynamo.StateTables;
import com.productflow.storage.ObjectTransfers;
import com.productflow.storage.S3ObjectStore;
import com.productflow.storage.TransferOptions;
import com.productflow.testsupport.LocalServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The handler on an S3 notification of several objects, one of which cannot be ingested, against real
 * servers (s3proxy, dynalite, the local Step Functions executor): the others are registered and started,
 * then the invocation fails naming how many did not make it, so Lambda retries it.
 */
class IngestHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final LocalServer<S3Stack> S3 = LocalServer.s3();
    @RegisterExtension
    static final LocalServer<LocalStepFunctions> SFN = LocalServer.stepFunctions();
    private static SfnClient sfnClient;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void connect() {
        sfnClient = SFN.get().client();
        dynamo = DynamoClients.local(Dynalite.shared().endpoint());
    }

    @AfterAll
    static void disconnect() {
        sfnClient.close();
        dynamo.close();
    }

    private static ObjectNode record(String bucket, String key, String etag) {
        ObjectNode record = JSON.createObjectNode().put("eventSource", "aws:s3").put("eventName", "ObjectCreated:Put");
        ObjectNode s3Node = record.putObject("s3");
        s3Node.putObject("bucket").put("name", bucket);
        s3Node.putObject("object").put("key", key).put("eTag", etag).put("size", 2);
        return record;
    }

    @Test
    void oneObjectOfABatchFailingLeavesTheOthersRegisteredAndFailsTheInvocation() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String bucket = "in-" + suffix;
        S3.get().createBucket(bucket);
        String etagA = S3.get().client().putObject(b -> b.bucket(bucket).key("incoming/a.json"), RequestBody.fromString("[]")).eTag();
        String etagC = S3.get().client().putObject(b -> b.bucket(bucket).key("incoming/c.json"), RequestBody.fromString("[{}]")).eTag();
        String table = "files-" + suffix;
        StateTables.createIfMissing(dynamo, table);
        DynamoFileStateStore state = new DynamoFileStateStore(dynamo, table, Clock.systemUTC(), Duration.ofDays(1));
        String machine = SFN.get().createStateMachine("process-file-" + suffix, "{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Pass\",\"End\":true}}}");
        IngestHandler handler = new IngestHandler(new FileIngest(new ObjectTransfers(new S3ObjectStore(S3.get().client(), false),
                TransferOptions.defaults()), state, new SfnExecutionStarter(sfnClient, machine), 3));

        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        records.add(record(bucket, "incoming/a.json", etagA));
        // A legacy bucket name: a valid file identity, but not an S3 bucket that can be read (bad input).
        records.add(record("Legacy_Bucket", "incoming/b.json", "0123abcd"));
        records.add(record(bucket, "incoming/c.json", etagC));

        assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), null))
                .isInstanceOf(InvalidInput.class)
                .hasMessageStartingWith("1 of 3 objects not ingested; first: ")
                .hasMessageContaining("Legacy_Bucket");
        for (FileId ingested : new FileId[] {FileId.ofEtag(bucket, "incoming/a.json", etagA), FileId.ofEtag(bucket, "incoming/c.json", etagC)}) {
            assertThat(state.get(ingested)).get().satisfies(r -> assertThat(r.status()).isEqualTo(FileStatus.PENDING));
            assertThat(SFN.get().listExecutions(machine)).filteredOn(e -> e.name().equals(ExecutionNames.forFile(ingested))).hasSize(1);
        }

        // Without the bad record the retried event goes through: both are registered and started already, nothing starts twice.
        records.remove(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)), out, null);
        JsonNode files = JSON.readTree(out.toByteArray()).get("files");
        assertThat(files).hasSize(2);
        assertThat(files).allSatisfy(f -> assertThat(f.get("started").asBoolean()).isFalse());
        assertThat(SFN.get().listExecutions(machine)).hasSize(2);
    }
}
