package com.productflow.local;

import com.productflow.common.io.HashingInputStream;
import com.productflow.common.json.SummaryLine;
import com.productflow.stack.sfn.Execution;
import com.productflow.stack.sfn.ExecutionStatus;
import com.productflow.state.FileId;
import com.productflow.state.FileRecord;
import com.productflow.state.FileStatus;
import com.productflow.extract.load.LoadResult;
import com.productflow.template.FunctionConfig;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.io.OutputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The README's main job on one machine: start the local system, drop the sample files into the input
 * bucket as a user would, wait for every execution and check every output against its recorded SHA-256.
 * The report says per file what happened; {@link Report#ok()} only if every file is COMPLETED and verified.
 */
public final class Demo {
    /** The sample CSV's readiness dates are relative to this day (see samples/README.md). */
    public static final LocalDate SAMPLE_TODAY = LocalDate.of(2026, 11, 25);
    private static final Duration PER_FILE = Duration.ofMinutes(2);

    private final LocalSystem system;
    private final LocalLog log;

    public Demo(LocalSystem system, LocalLog log) {
        this.system = system;
        this.log = log;
    }

    /**
     * One file's outcome. {@code verified}: every output the record names (the XML, and the Parquet with
     * {@code OutputFormats=xml,parquet} or {@code parquet}) was read back and has the recorded SHA-256.
     */
    public record FileReport(String key, String status, String execution, String outputKey, String inputSha256,
                             String outputSha256, Long records, Long published, boolean verified, String error,
                             String parquetKey, String parquetSha256, Long parquetRows) {
        boolean ok() {
            return FileStatus.COMPLETED.name().equals(status) && verified;
        }

        SummaryLine toSummary() {
            SummaryLine line = new SummaryLine().put("key", key).put("status", status).put("execution", execution)
                    .put("outputKey", outputKey).put("inputSha256", inputSha256).put("outputSha256", outputSha256)
                    .put("records", records).put("published", published).put("verified", verified).put("error", error);
            if (parquetKey != null) { // only when the template writes Parquet: the default line is unchanged
                line.put("parquetKey", parquetKey).put("parquetSha256", parquetSha256).put("parquetRows", parquetRows);
            }
            return line;
        }
    }

    public record Report(List<FileReport> files) {
        public boolean ok() {
            return !files.isEmpty() && files.stream().allMatch(FileReport::ok);
        }

        public List<SummaryLine> fileSummaries() {
            return files.stream().map(FileReport::toSummary).toList();
        }
    }

    /**
     * The extract's proof: the keys on the topic against the products the SQL selection returns, computed
     * here independently from the same CSV (loaded into a SQLite of its own) with the extract function's
     * settings (ARTICLE_STATUS, DEFAULT_DAYS_BACK, EXTRACT_MODE) and the same "today". {@link #ok()} only
     * when the topic holds exactly those products, each once.
     */
    public record ExtractReport(String topic, long messages, long distinctKeys, Set<String> expected, Set<String> missing, Set<String> unexpected,
                                LoadResult load, LocalDate today) {
        public boolean ok() {
            return !expected.isEmpty() && missing.isEmpty() && unexpected.isEmpty() && messages == distinctKeys;
        }

        /** The topic as read ({@code count}) against the products {@code selection} says it must hold. */
        public static ExtractReport of(String topic, KafkaTopics.Count count, ExtractSelection selection) {
            Set<String> missing = new HashSet<>(selection.eans());
            missing.removeAll(count.keys());
            Set<String> unexpected = new HashSet<>(count.keys());
            unexpected.removeAll(selection.eans());
            return new ExtractReport(topic, count.messages(), count.distinctKeys(), selection.eans(), missing, unexpected,
                    selection.load(), selection.today());
        }

        public SummaryLine toSummary() {
            return new SummaryLine().put("topic", topic).put("messages", messages).put("expected", expected.size())
                    .put("missing", List.copyOf(new TreeSet<>(missing))).put("unexpected", List.copyOf(new TreeSet<>(unexpected)))
                    .put("distinctKeys", distinctKeys).put("duplicates", messages - distinctKeys);
        }
    }

    /** Reads the whole topic and compares it with the SQL selection (see {@link ExtractReport}). */
    public ExtractReport checkExtract() throws IOException {
        FunctionConfig extract = system.function(LocalSystem.EXTRACT).orElseThrow(
                () -> new IllegalStateException("the template has no " + LocalSystem.EXTRACT));
        LocalDate today = system.options().extractToday() != null ? system.options().extractToday() : LocalDate.now(ZoneOffset.UTC);
        ExtractSelection selection = ExtractSelection.of(system.options().productsCsv(), extract.environment(), today);
        ExtractReport report = ExtractReport.of(system.topic(), KafkaTopics.count(system.kafka().bootstrapServers(), system.topic()),
                selection);
        log.info("demo: %d messages on topic %s, %d distinct EANs; the SQL selection (%s, %d days back from %s) has %d products,"
                + " %d missing, %d unexpected", report.messages(), system.topic(), report.distinctKeys(), selection.status(),
                selection.daysBack(), today, selection.eans().size(), report.missing().size(), report.unexpected().size());
        return report;
    }

    /** Drops the samples under {@code incoming/} and waits for each. */
    public Report runFiles() throws IOException {
        String bucket = system.inputBucket();
        Map<String, PutObjectResponse> put = SampleFiles.putAll(system.s3(), bucket, "incoming/");
        log.info("demo: put %d sample files into s3://%s/incoming/ (%s)", put.size(), bucket, String.join(", ", put.keySet()));
        List<FileReport> reports = new ArrayList<>();
        for (Map.Entry<String, PutObjectResponse> entry : put.entrySet()) {
            FileId file = FileId.ofEtag(bucket, entry.getKey(), entry.getValue().eTag());
            Execution execution = system.awaitExecution(file, 1, PER_FILE);
            reports.add(report(file, execution));
        }
        return new Report(reports);
    }

    private FileReport report(FileId file, Execution execution) throws IOException {
        FileRecord record = system.state().get(file).orElse(null);
        if (record == null) {
            return new FileReport(file.key(), "UNREGISTERED", execution.status().name(), null, null, null, null, null, false,
                    execution.error(), null, null, null);
        }
        boolean verified = record.status() == FileStatus.COMPLETED && (record.outputKey() != null || record.parquetKey() != null)
                && (record.outputKey() == null || storedAs(record.outputKey(), record.outputSha256()))
                && (record.parquetKey() == null || storedAs(record.parquetKey(), record.parquetSha256()));
        String error = record.lastError() == null ? (execution.status() == ExecutionStatus.SUCCEEDED ? null : execution.error())
                : record.lastError().type() + ": " + record.lastError().message();
        log.info("demo: %s %s%s", file.key(), record.status(), verified ? " (output SHA-256 verified)" : "");
        return new FileReport(file.key(), record.status().name(), execution.status().name(), record.outputKey(),
                record.inputSha256(), record.outputSha256(), record.records(), record.published(), verified, error,
                record.parquetKey(), record.parquetSha256(), record.parquetRows());
    }

    /** Reads the output at {@code key} back: true when its bytes have SHA-256 {@code sha256}. */
    private boolean storedAs(String key, String sha256) throws IOException {
        try (HashingInputStream output = new HashingInputStream(
                system.s3().getObject(b -> b.bucket(system.outputBucket()).key(key)))) {
            output.transferTo(OutputStream.nullOutputStream());
            return output.sha256().equals(sha256);
        }
    }
}
