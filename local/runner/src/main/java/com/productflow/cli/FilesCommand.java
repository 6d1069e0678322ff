package com.productflow.cli;

import com.productflow.common.BadInputException;
import com.productflow.common.json.SummaryLine;
import com.productflow.state.FileId;
import com.productflow.state.FileRecord;
import com.productflow.state.FileStatus;
import com.productflow.state.Page;
import com.productflow.state.RequeueResult;
import com.productflow.state.StateSettings;
import com.productflow.state.Timestamps;
import com.productflow.state.dynamo.DynamoClients;
import com.productflow.state.dynamo.DynamoFileStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code productflow files list|show|requeue}: the operator's view of file state records, against the
 * table in {@code STATE_TABLE} (local dynalite via {@code AWS_ENDPOINT_URL_DYNAMODB} or its alias {@code DYNAMODB_ENDPOINT}, or real AWS).
 */
@Command(
        name = "files",
        mixinStandardHelpOptions = true,
        description = "Inspect and requeue file state records (DynamoDB table STATE_TABLE).",
        subcommands = {FilesCommand.ListFiles.class, FilesCommand.Show.class, FilesCommand.Requeue.class})
public final class FilesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: list, show or requeue");
    }

    /** Connection settings every subcommand takes; flags win over the environment and .env. */
    static final class StoreOptions {
        @Mixin
        SettingFlags flags;

        @Option(names = "--table", descriptionKey = "STATE_TABLE", paramLabel = "NAME", description = "DynamoDB table (setting STATE_TABLE; default productflow-files).")
        String table;

        @Option(names = "--endpoint", descriptionKey = "AWS_ENDPOINT_URL_DYNAMODB", paramLabel = "URL", description = "DynamoDB endpoint override, e.g. a local dynalite (setting AWS_ENDPOINT_URL_DYNAMODB).")
        String endpoint;

        @Option(names = "--region", descriptionKey = "AWS_REGION", paramLabel = "REGION", description = "AWS region (setting AWS_REGION; default: the SDK's chain).")
        String region;

        StateSettings settings() {
            return StateSettings.from(flags.settings(LocalDiscovery.Service.DYNAMODB));
        }
    }

    /** Opens the store, runs {@code action}, closes the client. */
    interface StoreAction<T> {
        T apply(DynamoFileStateStore store, StateSettings settings);
    }

    static <T> T withStore(StoreOptions options, StoreAction<T> action) {
        StateSettings settings = options.settings();
        try (DynamoDbClient client = DynamoClients.create(settings)) {
            DynamoFileStateStore store = new DynamoFileStateStore(
                    client, settings.table(), Clock.systemUTC(), Duration.ofDays(settings.retentionDays()));
            return action.apply(store, settings);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List files by status (least recently updated first), through the status index.")
    static final class ListFiles implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--status", paramLabel = "STATUS",
                description = "PENDING, IN_PROGRESS, COMPLETED, FAILED, QUARANTINED or SUPERSEDED (a newer upload of the same key"
                        + " won); all statuses when omitted.")
        String status;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N files (1-1000; default ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--cursor", paramLabel = "CURSOR", description = "Continue a listing of one --status from the 'next' of its previous page.")
        String cursor;

        @Mixin
        OutputFormat.Option output;

        @Override
        public Integer call() {
            long start = System.nanoTime();
            OutputFormat format = output.resolve();
            if (limit < 1 || limit > 1000) {
                throw new BadInputException("--limit must be between 1 and 1000, got " + limit);
            }
            Optional<FileStatus> only = Optional.ofNullable(status).map(FilesCommand::parseStatus);
            if (cursor != null && only.isEmpty()) {
                throw new BadInputException("--cursor needs --status (a cursor continues one status's listing)");
            }
            SummaryLine line = withStore(store, (files, settings) -> {
                SummaryLine out = new SummaryLine().put("table", settings.table());
                List<SummaryLine> shown = new ArrayList<>();
                if (only.isPresent()) {
                    Page<FileRecord> page = files.list(only.get(), limit, Optional.ofNullable(cursor));
                    page.items().forEach(r -> shown.add(describe(r)));
                    out.put("status", only.get().name()).put("count", shown.size()).put("files", shown)
                            .put("next", page.next().orElse(null));
                } else {
                    boolean truncated = false;
                    for (FileStatus s : FileStatus.values()) {
                        Optional<String> next = Optional.empty();
                        do {
                            Page<FileRecord> page = files.list(s, Math.min(1000, limit - shown.size() + 1), next);
                            for (FileRecord r : page.items()) {
                                if (shown.size() == limit) {
                                    truncated = true;
                                    break;
                                }
                                shown.add(describe(r));
                            }
                            next = page.next();
                        } while (!truncated && next.isPresent());
                        if (truncated) {
                            break;
                        }
                    }
                    out.put("status", "all").put("count", shown.size()).put("truncated", truncated).put("files", shown);
                }
                return out;
            });
            print(spec, format, line.seconds(start), FilesTable::list);
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show every record of one object (one per version or ETag), oldest first.")
    static final class Show implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "BUCKET/KEY", description = "The object, e.g. input-bucket/drops/products.json (s3:// optional).")
        String object;

        @Mixin
        OutputFormat.Option output;

        @Override
        public Integer call() {
            long start = System.nanoTime();
            OutputFormat format = output.resolve();
            ObjectName name = ObjectName.parse(object);
            SummaryLine line = withStore(store, (files, settings) -> {
                List<FileRecord> records = files.findObject(name.bucket(), name.key());
                if (records.isEmpty()) {
                    throw new BadInputException("no file record for s3://" + name + " in table " + settings.table());
                }
                return new SummaryLine().put("table", settings.table()).put("file", name.toString())
                        .put("count", records.size()).put("versions", withExecutions(records));
            });
            print(spec, format, line.seconds(start), FilesTable::show);
            return 0;
        }
    }

    @Command(name = "requeue", mixinStandardHelpOptions = true,
            description = {"Send a FAILED or QUARANTINED file back to PENDING with its attempts reset.",
                "Without --version-id/--etag, the object's newest record is requeued.",
                "A SUPERSEDED file is refused (exit 2): the message names the version that superseded it."})
    static final class Requeue implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "BUCKET/KEY", description = "The object, e.g. input-bucket/drops/products.json (s3:// optional).")
        String object;

        @Option(names = "--version-id", paramLabel = "ID", description = "Requeue the record of this object version.")
        String versionId;

        @Option(names = "--etag", paramLabel = "ETAG", description = "Requeue the record of this ETag (unversioned buckets).")
        String etag;

        @Override
        public Integer call() {
            long start = System.nanoTime();
            ObjectName name = ObjectName.parse(object);
            if (versionId != null && etag != null) {
                throw new BadInputException("give --version-id or --etag, not both");
            }
            SummaryLine line = withStore(store, (files, settings) -> {
                FileId id = pick(files, settings, name);
                RequeueResult result = files.requeue(id);
                if (result instanceof RequeueResult.NotRequeueable refused) {
                    throw new BadInputException("cannot requeue: " + refused.message());
                }
                return new SummaryLine().put("table", settings.table()).put("file", name.toString())
                        .put("requeued", describe(((RequeueResult.Requeued) result).record()));
            });
            spec.commandLine().getOut().println(line.seconds(start));
            return 0;
        }

        private FileId pick(DynamoFileStateStore files, StateSettings settings, ObjectName name) {
            if (versionId != null || etag != null) {
                return new FileId(name.bucket(), name.key(), versionId, etag);
            }
            List<FileRecord> records = files.findObject(name.bucket(), name.key());
            if (records.isEmpty()) {
                throw new BadInputException("no file record for s3://" + name + " in table " + settings.table());
            }
            return records.get(records.size() - 1).id();
        }
    }

    static void print(CommandLine.Model.CommandSpec spec, OutputFormat format, SummaryLine line, java.util.function.Function<SummaryLine, String> table) {
        if (format == OutputFormat.TABLE) {
            spec.commandLine().getOut().print(table.apply(line));
        } else {
            spec.commandLine().getOut().println(line);
        }
        spec.commandLine().getOut().flush();
    }

    /** Each record, with its execution's status and, for a failed file, the failed state and error (from its history). */
    static List<SummaryLine> withExecutions(List<FileRecord> records) {
        List<SummaryLine> out = new ArrayList<>();
        ExecutionFailures failures = null;
        try {
            for (FileRecord r : records) {
                SummaryLine line = describe(r);
                boolean failed = r.status() == FileStatus.FAILED || r.status() == FileStatus.QUARANTINED;
                if (failed && r.executionId() != null && r.executionId().startsWith("arn:aws:states:")) {
                    try {
                        if (failures == null) {
                            failures = ExecutionFailures.open(Map.of());
                        }
                        line.put("execution", failures.describe(r.executionId()));
                    } catch (software.amazon.awssdk.core.exception.SdkException e) {
                        line.put("execution", new SummaryLine().put("arn", r.executionId())
                                .put("unavailable", "no Step Functions to ask (" + e.getMessage() + ")"));
                    }
                }
                out.add(line);
            }
        } finally {
            if (failures != null) {
                failures.close();
            }
        }
        return out;
    }

    /** {@code BUCKET/KEY}, with an optional {@code s3://} prefix; the key is everything after the first '/'. */
    record ObjectName(String bucket, String key) {
        static ObjectName parse(String text) {
            String t = text.startsWith("s3://") ? text.substring(5) : text;
            int slash = t.indexOf('/');
            if (slash <= 0 || slash == t.length() - 1) {
                throw new BadInputException("'" + text + "' is not BUCKET/KEY (e.g. input-bucket/drops/products.json)");
            }
            ObjectName name = new ObjectName(t.substring(0, slash), t.substring(slash + 1));
            FileId.validateObject(name.bucket(), name.key());
            return name;
        }

        @Override
        public String toString() {
            return bucket + "/" + key;
        }
    }

    static FileStatus parseStatus(String text) {
        try {
            return FileStatus.valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--status '" + text + "' is not one of " + java.util.Arrays.stream(FileStatus.values())
                    .map(Enum::name).collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    /** One record as JSON; absent fields are left out (the local console shows the same fields). */
    public static SummaryLine describe(FileRecord r) {
        SummaryLine out = new SummaryLine()
                .put("bucket", r.id().bucket())
                .put("key", r.id().key());
        putIf(out, "versionId", r.id().versionId());
        putIf(out, "etag", r.id().etag());
        out.put("status", r.status().name())
                .put("attempts", r.attempts())
                .put("maxAttempts", r.maxAttempts())
                .put("version", r.version())
                .put("inputSha256", r.inputSha256())
                .put("inputBytes", r.inputBytes());
        putIf(out, "sequencer", r.sequencer() == null ? null : r.sequencer().hex());
        putIf(out, "supersededBy", r.supersededBy());
        putIf(out, "leaseOwner", r.leaseOwner());
        putIf(out, "leaseExpiresAt", time(r.leaseExpiresAt()));
        putIf(out, "executionId", r.executionId());
        putIf(out, "outputKey", r.outputKey());
        putIf(out, "outputSha256", r.outputSha256());
        putIf(out, "records", r.records());
        putIf(out, "published", r.published());
        putIf(out, "parquetKey", r.parquetKey());
        putIf(out, "parquetSha256", r.parquetSha256());
        putIf(out, "parquetRows", r.parquetRows());
        putIf(out, "parquetBytes", r.parquetBytes());
        if (r.lastError() != null) {
            out.put("lastError", new SummaryLine().put("type", r.lastError().type())
                    .put("message", r.lastError().message()).put("at", time(r.lastError().at())));
        }
        out.put("createdAt", time(r.createdAt())).put("updatedAt", time(r.updatedAt()));
        putIf(out, "ttl", r.ttl());
        return out;
    }

    private static void putIf(SummaryLine out, String name, Object value) {
        if (value != null) {
            out.put(name, value);
        }
    }

    private static String time(Instant instant) {
        return instant == null ? null : Timestamps.format(instant);
    }
}
