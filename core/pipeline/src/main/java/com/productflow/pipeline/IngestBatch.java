package com.productflow.pipeline;

import com.productflow.common.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Ingest of every object one event names (an S3 notification may carry several). Each is ingested on
 * its own: a failure on one does not stop the others. {@link Report#requireAllIngested()} then fails the
 * invocation if any failed (so Lambda retries it and, in the end, dead-letters it), and the retry redoes
 * only what is not done, because every step of {@link FileIngest} is idempotent.
 */
public final class IngestBatch {
    private static final Logger LOG = LoggerFactory.getLogger(IngestBatch.class);
    private final FileIngest ingest;

    public IngestBatch(FileIngest ingest) {
        this.ingest = ingest;
    }

    public Report ingestAll(List<ObjectRef> objects) {
        List<Item> items = new ArrayList<>();
        for (ObjectRef object : objects) {
            MDC.put("bucket", object.bucket());
            MDC.put("key", object.key());
            try {
                FileIngest.Outcome outcome = ingest.ingest(object.fileId());
                log(outcome);
                items.add(new Item(object, outcome, null));
            } catch (Exception e) {
                LOG.error("ingest of s3://{}/{} failed: {}", object.bucket(), object.key(), message(e));
                items.add(new Item(object, null, e));
            } finally {
                MDC.remove("bucket");
                MDC.remove("key");
                MDC.remove("sha256");
                MDC.remove("executionId");
            }
        }
        return new Report(List.copyOf(items));
    }

    private static void log(FileIngest.Outcome outcome) {
        if (outcome instanceof FileIngest.Outcome.Started started) {
            MDC.put("sha256", started.registered().inputSha256());
            MDC.put("executionId", started.executionArn());
            LOG.info("registered and {} process-file", started.newExecution() ? "started" : "already started");
        } else if (outcome instanceof FileIngest.Outcome.AlreadyDone done) {
            LOG.info("already {}: nothing to start", done.status());
        } else {
            LOG.warn("object is gone or was overwritten before it could be read: nothing to ingest");
        }
    }

    /** One object: its outcome, or the failure that stopped it (exactly one of the two is set). */
    public record Item(ObjectRef object, FileIngest.Outcome outcome, Exception failure) {
        /** {@code {bucket, key, inputSha256, executionArn, started}}, {@code {..., status, started}} or {@code {..., error}}. */
        public Map<String, Object> describe() {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("bucket", object.bucket());
            result.put("key", object.key());
            if (failure != null) {
                result.put("error", message(failure));
            } else if (outcome instanceof FileIngest.Outcome.Started started) {
                result.put("inputSha256", started.registered().inputSha256());
                result.put("executionArn", started.executionArn());
                result.put("started", started.newExecution());
            } else {
                result.put("status", outcome instanceof FileIngest.Outcome.AlreadyDone done ? done.status().name() : "VANISHED");
                result.put("started", false);
            }
            return result;
        }
    }

    /** What one batch did, in the order of the event's objects. */
    public record Report(List<Item> items) {
        public long ingested() {
            return items.stream().filter(i -> i.failure() == null).count();
        }

        public long failed() {
            return items.size() - ingested();
        }

        /** Every object described ({@link Item#describe()}). */
        public List<Map<String, Object>> files() {
            return items.stream().map(Item::describe).toList();
        }

        /** The backfill's contract for its one object: {@code {executionArn, started}} ("" and false if none started). */
        public Map<String, Object> single() {
            Map<String, Object> only = items.get(0).describe();
            return Map.of("executionArn", only.getOrDefault("executionArn", ""), "started", only.getOrDefault("started", false));
        }

        /**
         * Throws if any object failed: a {@link BadInputException} when every failure was bad input
         * (retrying cannot help), else an {@link IngestIncompleteException} (worth a retry). The message
         * counts the failures and quotes the first.
         */
        public void requireAllIngested() {
            List<Exception> failures = items.stream().map(Item::failure).filter(f -> f != null).toList();
            if (failures.isEmpty()) {
                return;
            }
            String message = failures.size() + " of " + items.size() + " objects not ingested; first: " + message(failures.get(0));
            if (failures.stream().allMatch(f -> f instanceof BadInputException)) {
                throw new BadInputException(message, failures.get(0));
            }
            throw new IngestIncompleteException(message, failures.get(0));
        }
    }

    private static String message(Exception failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
