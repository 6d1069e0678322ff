package com.productflow.local.chaos;

import com.productflow.pipeline.InputKeys;
import com.productflow.state.FileRecord;
import com.productflow.state.FileStatus;
import com.productflow.storage.ObjectUploadStream;
import com.productflow.storage.PendingUpload;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The crash campaign's invariants (issue 14), judged on a {@link Snapshot} of the whole history:
 * <ul>
 *   <li>{@value #COMPLETED_ONCE}: every well-formed file has exactly one COMPLETED record (any other record of its
 *       key SUPERSEDED), of the bytes uploaded, whose output object's bytes have the SHA-256 the record and the
 *       object's {@code sha256} metadata both name;</li>
 *   <li>{@value #MALFORMED_REJECTED}: every malformed file ends FAILED or QUARANTINED with its reason, never COMPLETED;</li>
 *   <li>{@value #NONE_IN_FLIGHT}: no record is PENDING or IN_PROGRESS;</li>
 *   <li>{@value #NO_PARTIAL_OBJECT}: no partial upload key in either bucket, every output's bytes are what its
 *       {@code sha256} says and every input's are what the campaign uploaded;</li>
 *   <li>{@value #NO_OPEN_UPLOAD}: no multipart upload is left open in either bucket;</li>
 *   <li>{@value #TOPIC_EXACTLY_ONCE}: the topic, read committed, holds each product of the SQL selection exactly once;</li>
 *   <li>{@value #RECORDS_MATCH_OBJECTS}: records and objects agree both ways (every record's input and outputs
 *       exist; every input object has a record of its ETag; every output object is named by a COMPLETED record).</li>
 * </ul>
 */
public final class Invariants {
    public static final String COMPLETED_ONCE = "completedOnce";
    public static final String MALFORMED_REJECTED = "malformedRejected";
    public static final String NONE_IN_FLIGHT = "noneInFlight";
    public static final String NO_PARTIAL_OBJECT = "noPartialObject";
    public static final String NO_OPEN_UPLOAD = "noOpenUpload";
    public static final String TOPIC_EXACTLY_ONCE = "topicExactlyOnce";
    public static final String RECORDS_MATCH_OBJECTS = "recordsMatchObjects";
    /** A partial key of a long final key: {@code productflow-partial/<sha256 of the key>}. */
    private static final String PARTIAL_PREFIX = ObjectUploadStream.PARTIAL_SUFFIX.substring(1) + "/";

    private final Snapshot snapshot;
    private final InvariantReport report = new InvariantReport();

    private Invariants(Snapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** Judges {@code snapshot} against the files the campaign dropped and the products the SQL selection returns. */
    public static InvariantReport check(Snapshot snapshot, Collection<ExpectedFile> files, Set<String> selectedProducts) {
        Invariants invariants = new Invariants(snapshot);
        invariants.completedOnce(files.stream().filter(ExpectedFile::wellFormed).toList());
        invariants.malformedRejected(files.stream().filter(f -> !f.wellFormed()).toList());
        invariants.noneInFlight();
        invariants.noPartialObject(files);
        invariants.noOpenUpload();
        invariants.topicExactlyOnce(selectedProducts);
        invariants.recordsMatchObjects(files);
        return invariants.report;
    }

    private List<FileRecord> recordsOf(String key) {
        return snapshot.records().stream().filter(r -> r.id().key().equals(key)).toList();
    }

    private void completedOnce(List<ExpectedFile> files) {
        report.checked(COMPLETED_ONCE, files.size());
        for (ExpectedFile file : files) {
            List<FileRecord> records = recordsOf(file.key());
            List<FileRecord> completed = records.stream().filter(r -> r.status() == FileStatus.COMPLETED).toList();
            if (completed.size() != 1) {
                report.violation(COMPLETED_ONCE, file.key() + " has " + completed.size() + " COMPLETED records (statuses "
                        + statuses(records) + ")");
            }
            records.stream().filter(r -> r.status() != FileStatus.COMPLETED && r.status() != FileStatus.SUPERSEDED).forEach(r ->
                    report.violation(COMPLETED_ONCE, r.id() + " is " + r.status() + ", not COMPLETED or SUPERSEDED"
                            + (r.lastError() == null ? "" : " (" + r.lastError().type() + ": " + r.lastError().message() + ")")));
            for (FileRecord record : completed) {
                if (!file.sha256().equals(record.inputSha256())) {
                    report.violation(COMPLETED_ONCE, record.id() + " records input SHA-256 " + record.inputSha256()
                            + ", the campaign uploaded " + file.sha256());
                }
                if (record.outputKey() == null && record.parquetKey() == null) {
                    report.violation(COMPLETED_ONCE, record.id() + " is COMPLETED with no output");
                }
                outputMatches(record, record.outputKey(), record.outputSha256());
                outputMatches(record, record.parquetKey(), record.parquetSha256());
            }
        }
    }

    private void outputMatches(FileRecord record, String key, String sha256) {
        if (key == null) {
            return;
        }
        StoredObjectCheck output = snapshot.outputs().get(key);
        if (output == null) {
            report.violation(COMPLETED_ONCE, record.id() + ": its output " + key + " does not exist");
        } else if (!output.actualSha256().equals(sha256) || !output.storedSha256().equals(Optional.ofNullable(sha256))) {
            report.violation(COMPLETED_ONCE, record.id() + ": output " + key + " has bytes " + output.actualSha256()
                    + " and sha256 metadata " + output.storedSha256().orElse("(none)") + ", the record says " + sha256);
        }
    }

    private void malformedRejected(List<ExpectedFile> files) {
        report.checked(MALFORMED_REJECTED, files.size());
        for (ExpectedFile file : files) {
            List<FileRecord> records = recordsOf(file.key());
            if (records.isEmpty()) {
                report.violation(MALFORMED_REJECTED, file.key() + " has no record");
            }
            for (FileRecord record : records) {
                boolean rejected = record.status() == FileStatus.FAILED || record.status() == FileStatus.QUARANTINED;
                if (record.status() == FileStatus.SUPERSEDED) {
                    continue;
                }
                if (!rejected) {
                    report.violation(MALFORMED_REJECTED, record.id() + " is malformed but " + record.status());
                } else if (record.lastError() == null || record.lastError().message() == null || record.lastError().message().isBlank()) {
                    report.violation(MALFORMED_REJECTED, record.id() + " is " + record.status() + " without a reason");
                }
            }
        }
    }

    private void noneInFlight() {
        report.checked(NONE_IN_FLIGHT, snapshot.records().size());
        snapshot.records().stream().filter(r -> r.status() == FileStatus.PENDING || r.status() == FileStatus.IN_PROGRESS)
                .forEach(r -> report.violation(NONE_IN_FLIGHT, r.id() + " is still " + r.status()
                        + (r.leaseOwner() == null ? "" : " (lease of " + r.leaseOwner() + " until " + r.leaseExpiresAt() + ")")));
    }

    private void noPartialObject(Collection<ExpectedFile> files) {
        report.checked(NO_PARTIAL_OBJECT, snapshot.inputs().size() + snapshot.outputs().size());
        Stream.concat(snapshot.inputs().keySet().stream(), snapshot.outputs().keySet().stream())
                .filter(Invariants::partial)
                .forEach(key -> report.violation(NO_PARTIAL_OBJECT, "partial upload object " + key + " left"));
        snapshot.outputs().values().stream().filter(o -> !partial(o.key()) && !o.intact()).forEach(o -> report.violation(NO_PARTIAL_OBJECT,
                "output " + o.key() + " (" + o.size() + " bytes) has bytes " + o.actualSha256() + " but sha256 metadata "
                        + o.storedSha256().orElse("(none)")));
        for (ExpectedFile file : files) {
            StoredObjectCheck input = snapshot.inputs().get(file.key());
            if (input != null && !input.actualSha256().equals(file.sha256())) {
                report.violation(NO_PARTIAL_OBJECT, "input " + file.key() + " (" + input.size() + " bytes) has bytes "
                        + input.actualSha256() + ", the campaign uploaded " + file.sha256());
            }
        }
    }

    private void noOpenUpload() {
        report.checked(NO_OPEN_UPLOAD, snapshot.openUploads().size());
        snapshot.openUploads().forEach((bucket, uploads) -> {
            for (PendingUpload upload : uploads) {
                report.violation(NO_OPEN_UPLOAD, "multipart upload " + upload.uploadId() + " of s3://" + bucket + "/" + upload.key()
                        + " is open");
            }
        });
    }

    private void topicExactlyOnce(Set<String> selected) {
        report.checked(TOPIC_EXACTLY_ONCE, selected.size());
        if (selected.isEmpty()) {
            report.violation(TOPIC_EXACTLY_ONCE, "the SQL selection is empty: nothing to hold the topic to");
        }
        Set<String> keys = snapshot.topic().keys();
        Set<String> missing = new TreeSet<>(selected);
        missing.removeAll(keys);
        Set<String> unexpected = new TreeSet<>(keys);
        unexpected.removeAll(selected);
        if (!missing.isEmpty()) {
            report.violation(TOPIC_EXACTLY_ONCE, missing.size() + " selected products not on the topic: " + missing);
        }
        if (!unexpected.isEmpty()) {
            report.violation(TOPIC_EXACTLY_ONCE, unexpected.size() + " products on the topic the selection does not return: "
                    + unexpected);
        }
        if (snapshot.topic().messages() != keys.size()) {
            report.violation(TOPIC_EXACTLY_ONCE, snapshot.topic().messages() + " committed messages for " + keys.size()
                    + " distinct keys: " + (snapshot.topic().messages() - keys.size()) + " published more than once");
        }
    }

    private void recordsMatchObjects(Collection<ExpectedFile> files) {
        List<FileRecord> records = snapshot.records();
        report.checked(RECORDS_MATCH_OBJECTS, records.size() + snapshot.inputs().size() + snapshot.outputs().size());
        for (ExpectedFile file : files) {
            if (!snapshot.inputs().containsKey(file.key())) {
                report.violation(RECORDS_MATCH_OBJECTS, "input " + file.key() + " the campaign uploaded is not in the bucket");
            }
        }
        for (FileRecord record : records) {
            if (!snapshot.inputs().containsKey(record.id().key())) {
                report.violation(RECORDS_MATCH_OBJECTS, record.id() + " has a record but no input object");
            }
            if (record.status() == FileStatus.COMPLETED) {
                for (String output : outputKeys(record)) {
                    if (!snapshot.outputs().containsKey(output)) {
                        report.violation(RECORDS_MATCH_OBJECTS, record.id() + " names output " + output + ", which does not exist");
                    }
                }
            }
        }
        Set<String> registered = records.stream().map(r -> r.id().key() + "#" + r.id().etag()).collect(Collectors.toSet());
        snapshot.inputs().values().stream().filter(o -> InputKeys.accepted(o.key()))
                .filter(o -> !registered.contains(o.key() + "#" + o.eTag()))
                .forEach(o -> report.violation(RECORDS_MATCH_OBJECTS, "input " + o.key() + " (ETag " + o.eTag() + ") has no record"));
        Set<String> named = new HashSet<>();
        records.stream().filter(r -> r.status() == FileStatus.COMPLETED).forEach(r -> named.addAll(outputKeys(r)));
        snapshot.outputs().keySet().stream().filter(key -> !partial(key) && !named.contains(key))
                .forEach(key -> report.violation(RECORDS_MATCH_OBJECTS, "output " + key + " is named by no COMPLETED record"));
    }

    /** A key an upload assembles its object under before publishing it (reported once, by {@value #NO_PARTIAL_OBJECT}). */
    private static boolean partial(String key) {
        return key.endsWith(ObjectUploadStream.PARTIAL_SUFFIX) || key.startsWith(PARTIAL_PREFIX);
    }

    private static List<String> outputKeys(FileRecord record) {
        List<String> keys = new ArrayList<>();
        Stream.of(record.outputKey(), record.parquetKey()).filter(Objects::nonNull).forEach(keys::add);
        return keys;
    }

    private static String statuses(List<FileRecord> records) {
        Map<FileStatus, Long> counts = records.stream().collect(Collectors.groupingBy(FileRecord::status, Collectors.counting()));
        return counts.isEmpty() ? "none" : counts.toString();
    }
}
