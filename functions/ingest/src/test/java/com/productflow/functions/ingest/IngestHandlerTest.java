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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The handler on an S3 notification of several objects, one of which cannot be ingested, against real
 * servers (s3proxy, dynalite, the local Step Functions executor): the others are registered and started,
 * then the invocation fails naming how many did not make it, so Lambda retries it.
 */
class IngestHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static S3Stack s3;
    private static LocalStepFunctions sfn;
    private static SfnClient sfnClient;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3Stack.startTransient();
        sfn = LocalStepFunctions.start(LocalStepFunctions.Options.of(URI.create("http://127.0.0.1:9")));
        sfnClient = SfnClient.builder().endpointOverride(sfn.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        dynamo = DynamoClients.local(Dynalite.shared().endpoint());
    }

    @AfterAll
    static void stop() throws Exception {
        sfnClient.close();
        dynamo.close();
        sfn.close();
        s3.close();
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
        s3.createBucket(bucket);
        String etagA = s3.client().putObject(b -> b.bucket(bucket).key("incoming/a.json"), RequestBody.fromString("[]")).eTag();
        String etagC = s3.client().putObject(b -> b.bucket(bucket).key("incoming/c.json"), RequestBody.fromString("[{}]")).eTag();
        String table = "files-" + suffix;
        StateTables.createIfMissing(dynamo, table);
        DynamoFileStateStore state = new DynamoFileStateStore(dynamo, table, Clock.systemUTC(), Duration.ofDays(1));
        String machine = sfn.createStateMachine("process-file-" + suffix, "{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Pass\",\"End\":true}}}");
        IngestHandler handler = new IngestHandler(new FileIngest(new ObjectTransfers(new S3ObjectStore(s3.client(), false),
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
            assertThat(sfn.listExecutions(machine)).filteredOn(e -> e.name().equals(ExecutionNames.forFile(ingested))).hasSize(1);
        }

        // Without the bad record the retried event goes through: both are registered and started already, nothing starts twice.
        records.remove(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)), out, null);
        JsonNode files = JSON.readTree(out.toByteArray()).get("files");
        assertThat(files).hasSize(2);
        assertThat(files).allSatisfy(f -> assertThat(f.get("started").asBoolean()).isFalse());
        assertThat(sfn.listExecutions(machine)).hasSize(2);
    }
}
