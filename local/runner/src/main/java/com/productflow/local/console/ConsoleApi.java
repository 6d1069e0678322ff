package com.productflow.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.productflow.common.ProductflowException;
import com.productflow.common.config.SettingsSource;
import com.productflow.local.LambdaInvoker;
import com.productflow.local.LocalEndpoints;
import com.productflow.pipeline.ExecutionNames;
import com.productflow.state.FileId;
import com.productflow.state.FileRecord;
import com.productflow.state.FileStatus;
import com.productflow.state.Page;
import com.productflow.state.RequeueResult;
import com.productflow.state.Timestamps;
import com.productflow.state.dynamo.DynamoFileStateStore;
import com.productflow.storage.ObjectLocation;
import com.productflow.storage.ObjectTransfers;
import com.productflow.storage.S3ObjectStore;
import com.productflow.storage.S3Settings;
import com.productflow.storage.VerifyResult;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * What the console shows and does, as JSON documents: the file state table, the executions (raw Step Functions
 * API answers), the topic, and the operator's actions through the same paths as the CLI and AWS (requeue on the
 * state store, redrive through the Lambda API, backfill through the state machine).
 */
final class ConsoleApi {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int THROUGHPUT_MINUTES = 10;

    private final LocalEndpoints endpoints;
    private final DynamoFileStateStore state;
    private final S3Client s3;
    private final StepFunctionsJson sfn;
    private final LambdaInvoker lambda;
    private final TopicReader topic;

    ConsoleApi(LocalEndpoints endpoints, DynamoFileStateStore state, S3Client s3) {
        this.endpoints = endpoints;
        this.state = state;
        this.s3 = s3;
        this.sfn = new StepFunctionsJson(endpoints.stepfunctions());
        this.lambda = new LambdaInvoker(endpoints.lambda());
        this.topic = new TopicReader(endpoints.kafka(), endpoints.topic());
    }

    /** Files per status, executions per status, products published, files/records/MB per minute lately. */
    ObjectNode overview() {
        ObjectNode out = JSON.createObjectNode();
        ObjectNode statuses = out.putObject("files");
        List<FileRecord> completed = new ArrayList<>();
        long published = 0;
        for (FileStatus s : FileStatus.values()) {
            List<FileRecord> records = all(s);
            statuses.put(s.name(), records.size());
            if (s == FileStatus.COMPLETED) {
                completed = records;
            }
            for (FileRecord r : records) {
                published += r.published() == null ? 0 : r.published();
            }
        }
        out.put("published", published);
        ObjectNode executions = out.putObject("executions");
        for (String machine : List.of(endpoints.processFileStateMachine(), endpoints.backfillStateMachine())) {
            for (JsonNode e : listExecutions(machine)) {
                String status = e.path("status").asText();
                executions.put(status, executions.path(status).asInt() + 1);
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        ArrayNode minutes = out.putArray("throughput");
        for (int i = THROUGHPUT_MINUTES - 1; i >= 0; i--) {
            Instant from = now.minus(i, ChronoUnit.MINUTES);
            Instant to = from.plus(1, ChronoUnit.MINUTES);
            long files = 0;
            long records = 0;
            long bytes = 0;
            for (FileRecord r : completed) {
                if (!r.updatedAt().isBefore(from) && r.updatedAt().isBefore(to)) {
                    files++;
                    records += r.records() == null ? 0 : r.records();
                    bytes += r.inputBytes();
                }
            }
            minutes.addObject().put("minute", Timestamps.format(from)).put("files", files).put("records", records).put("bytes", bytes);
        }
        out.put("consoleTime", Timestamps.format(Instant.now()));
        return out;
    }

    /** Every file record, newest update first, optionally of one status and/or with {@code text} in bucket/key. */
    ObjectNode files(String statusText, String text) {
        List<FileStatus> statuses = statusText == null || statusText.isBlank() ? List.of(FileStatus.values()) : List.of(status(statusText));
        List<FileRecord> records = new ArrayList<>();
        for (FileStatus s : statuses) {
            records.addAll(all(s));
        }
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        records.removeIf(r -> !(r.id().bucket() + "/" + r.id().key()).toLowerCase(Locale.ROOT).contains(needle));
        records.sort(Comparator.comparing(FileRecord::updatedAt).reversed());
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("files");
        records.forEach(r -> list.add(record(r)));
        out.put("count", records.size());
        return out;
    }

    /** One object's records (one per version/ETag) with the executions of each. */
    ObjectNode file(String bucket, String key) {
        check(bucket, key);
        List<FileRecord> records = state.findObject(bucket, key);
        if (records.isEmpty()) {
            throw ConsoleException.notFound("no file s3://" + bucket + "/" + key + " in table " + endpoints.stateTable());
        }
        List<JsonNode> executions = listExecutions(endpoints.processFileStateMachine());
        ObjectNode out = JSON.createObjectNode().put("bucket", bucket).put("key", key);
        ArrayNode versions = out.putArray("versions");
        for (FileRecord r : records) {
            ObjectNode v = record(r);
            String base = ExecutionNames.forFile(r.id());
            ArrayNode runs = v.putArray("executions");
            for (JsonNode e : executions) {
                String name = e.path("name").asText();
                if (name.equals(base) || name.startsWith(base + "-a")) {
                    runs.add(e);
                }
            }
            versions.add(v);
        }
        return out;
    }

    /** An execution: its description, its state machine's definition, and its whole history. */
    ObjectNode execution(String arn) {
        if (arn == null || !arn.startsWith("arn:aws:states:") || !arn.contains(":execution:")) {
            throw ConsoleException.badInput("'" + (arn == null ? "" : arn) + "' is not an execution ARN (arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME)");
        }
        ObjectNode byArn = StepFunctionsJson.request().put("executionArn", arn);
        ObjectNode out = JSON.createObjectNode();
        out.set("execution", sfn.call("DescribeExecution", byArn));
        out.set("stateMachine", sfn.call("DescribeStateMachineForExecution", byArn));
        ArrayNode events = out.putArray("events");
        String token = null;
        do {
            ObjectNode page = byArn.deepCopy().put("maxResults", 1000);
            if (token != null) {
                page.put("nextToken", token);
            }
            JsonNode answer = sfn.call("GetExecutionHistory", page);
            answer.path("events").forEach(events::add);
            token = answer.hasNonNull("nextToken") ? answer.get("nextToken").asText() : null;
        } while (token != null);
        return out;
    }

    /** Re-reads the output object and compares its SHA-256 with the one stored on it and in the record. */
    ObjectNode verify(String bucket, String key) {
        FileRecord r = newest(bucket, key);
        if (r.outputKey() == null) {
            throw ConsoleException.badInput("s3://" + bucket + "/" + key + " has no output yet (status " + r.status() + ")");
        }
        ObjectLocation output = new ObjectLocation(endpoints.outputBucket(), r.outputKey());
        VerifyResult result;
        S3Settings settings = S3Settings.from(SettingsSource.of(Map.of("S3_ENDPOINT", endpoints.s3().toString(),
                "S3_ACCESS_KEY_ID", endpoints.accessKey(), "S3_SECRET_ACCESS_KEY", endpoints.secretKey())));
        try (S3ObjectStore store = S3ObjectStore.create(settings)) {
            result = new ObjectTransfers(store, settings.transfer()).verify(output);
        } catch (IOException e) {
            throw new ConsoleException(502, "reading " + output + ": " + e.getMessage());
        }
        boolean recordMatches = result.actualSha256().equals(r.outputSha256());
        return JSON.createObjectNode().put("object", output.toString()).put("bytes", result.size())
                .put("sha256", result.actualSha256()).put("stored", result.storedSha256().orElse(null))
                .put("recorded", r.outputSha256()).put("matches", result.matches() && recordMatches);
    }

    /** The output object of a file, for download. */
    Download output(String bucket, String key) {
        FileRecord r = newest(bucket, key);
        if (r.outputKey() == null) {
            throw ConsoleException.badInput("s3://" + bucket + "/" + key + " has no output yet (status " + r.status() + ")");
        }
        try {
            InputStream in = s3.getObject(b -> b.bucket(endpoints.outputBucket()).key(r.outputKey()));
            String name = r.outputKey().substring(r.outputKey().lastIndexOf('/') + 1);
            return new Download(name, in);
        } catch (NoSuchKeyException e) {
            throw ConsoleException.notFound("the output s3://" + endpoints.outputBucket() + "/" + r.outputKey() + " is gone");
        }
    }

    record Download(String fileName, InputStream body) {}

    /** FAILED or QUARANTINED back to PENDING (the newest record of the object), as {@code files requeue}. */
    ObjectNode requeue(String bucket, String key) {
        FileRecord r = newest(bucket, key);
        RequeueResult result = state.requeue(r.id());
        if (result instanceof RequeueResult.NotRequeueable refused) {
            throw ConsoleException.badInput("cannot requeue s3://" + bucket + "/" + key + ": " + refused.message());
        }
        return JSON.createObjectNode().put("requeued", bucket + "/" + key)
                .set("record", record(((RequeueResult.Requeued) result).record()));
    }

    /** Runs RedriveFunction once through the Lambda API (as its schedule does in AWS). */
    ObjectNode redrive() {
        LambdaInvoker.Result result = lambda.invoke("RedriveFunction", "{}", Duration.ofMinutes(2));
        if (!result.ok()) {
            throw new ConsoleException(502, "RedriveFunction failed: " + result.body());
        }
        return JSON.createObjectNode().put("function", "RedriveFunction").set("result", parse(result.body()));
    }

    /** Starts the backfill state machine for every file under {@code prefix} of the input bucket. */
    ObjectNode backfill(String prefix) {
        String p = prefix == null ? "" : prefix;
        String problem = prefixProblem(p);
        if (problem != null) {
            throw ConsoleException.badInput("prefix '" + p + "' " + problem);
        }
        ObjectNode input = JSON.createObjectNode().put("bucket", endpoints.inputBucket()).put("prefix", p);
        JsonNode started = sfn.call("StartExecution", StepFunctionsJson.request()
                .put("stateMachineArn", endpoints.backfillStateMachine()).put("input", input.toString()));
        return JSON.createObjectNode().put("bucket", endpoints.inputBucket()).put("prefix", p)
                .put("executionArn", started.path("executionArn").asText());
    }

    /** Why a key prefix is not one, or null: S3 keys are data, but these are always mistakes. */
    static String prefixProblem(String p) {
        if (p.isEmpty()) {
            return "is empty (give a folder such as incoming/; a backfill of the whole bucket must be asked for by name)";
        }
        if (p.startsWith("/")) {
            return "starts with '/' (S3 keys have no leading slash; try '" + p.replaceFirst("^/+", "") + "')";
        }
        if (p.startsWith("s3://")) {
            return "is a URL; give only the key prefix inside the input bucket, e.g. incoming/";
        }
        if (p.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > ObjectLocation.MAX_KEY_BYTES) {
            return "is longer than S3's " + ObjectLocation.MAX_KEY_BYTES + "-byte key limit";
        }
        for (int i = 0; i < p.length(); i++) {
            if (Character.isISOControl(p.charAt(i))) {
                return "contains a control character at offset " + i;
            }
        }
        return null;
    }

    ObjectNode topic(int limit) {
        return topic.latest(limit);
    }

    private FileRecord newest(String bucket, String key) {
        check(bucket, key);
        List<FileRecord> records = state.findObject(bucket, key);
        if (records.isEmpty()) {
            throw ConsoleException.notFound("no file s3://" + bucket + "/" + key + " in table " + endpoints.stateTable());
        }
        return records.get(records.size() - 1);
    }

    /** A bucket and key as S3 accepts them, or a bad-input answer naming what is wrong. */
    private static void check(String bucket, String key) {
        if (bucket == null || bucket.isBlank() || key == null || key.isEmpty()) {
            throw ConsoleException.badInput("a file is named by its bucket and key; " + (bucket == null || bucket.isBlank() ? "bucket" : "key") + " is missing");
        }
        try {
            FileId.validateObject(bucket, key);
        } catch (ProductflowException | IllegalArgumentException e) {
            throw ConsoleException.badInput(e.getMessage());
        }
    }

    private static FileStatus status(String text) {
        try {
            return FileStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ConsoleException.badInput("status '" + text + "' is not one of " + List.of(FileStatus.values()));
        }
    }

    private List<FileRecord> all(FileStatus status) {
        List<FileRecord> out = new ArrayList<>();
        Optional<String> next = Optional.empty();
        do {
            Page<FileRecord> page = state.list(status, 1000, next);
            out.addAll(page.items());
            next = page.next();
        } while (next.isPresent());
        return out;
    }

    private List<JsonNode> listExecutions(String machine) {
        List<JsonNode> out = new ArrayList<>();
        sfn.call("ListExecutions", StepFunctionsJson.request().put("stateMachineArn", machine)).path("executions").forEach(out::add);
        return out;
    }

    private static ObjectNode record(FileRecord r) {
        return (ObjectNode) parse(com.productflow.cli.FilesCommand.describe(r).toString());
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }
}
