package com.productflow.local.chaos;

import com.productflow.local.LocalLog;
import com.productflow.state.FileRecord;
import com.productflow.state.FileStateStore;
import com.productflow.state.FileStatus;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Waits for the system to go quiet: every dropped file has a record, none is PENDING or IN_PROGRESS, and none is
 * FAILED with attempts left (the redrive would run it again), for {@link #STEADY} polls in a row.
 */
final class Quiescence {
    private static final int STEADY = 3;
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);
    /** How many in-flight records a campaign that never went quiet names. */
    private static final int LISTED = 20;

    private Quiescence() {}

    /** True once quiet; false when {@code timeout} ran out first (the invariants then say what is left). */
    static boolean await(FileStateStore state, Collection<ExpectedFile> files, Duration timeout, LocalLog log)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextProgress = start + PROGRESS_EVERY.toNanos();
        int steady = 0;
        while (System.nanoTime() < deadline) {
            String busy;
            try {
                busy = busy(Snapshot.records(state), files);
            } catch (RuntimeException e) {
                busy = "state table not answering: " + e.getMessage();
            }
            steady = busy == null ? steady + 1 : 0;
            if (steady >= STEADY) {
                return true;
            }
            if (busy != null && System.nanoTime() > nextProgress) {
                log.info("chaos: waiting for quiet (%.0f s): %s", (System.nanoTime() - start) / 1e9, busy);
                nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
            }
            Thread.sleep(POLL.toMillis());
        }
        try {
            inFlight(Snapshot.records(state)).stream().limit(LISTED).forEach(record -> log.warn("chaos: still in flight: %s", record));
        } catch (RuntimeException e) {
            log.warn("chaos: the state table did not answer: %s", e.getMessage());
        }
        return false;
    }

    /** The records that keep the system from being quiet, each with what says why (its lease, attempts, error). */
    static List<String> inFlight(List<FileRecord> records) {
        return records.stream().filter(Quiescence::isInFlight).map(Quiescence::describe).toList();
    }

    /** PENDING, IN_PROGRESS, or FAILED with attempts left (the redrive runs it again). */
    private static boolean isInFlight(FileRecord r) {
        return r.status() == FileStatus.PENDING || r.status() == FileStatus.IN_PROGRESS
                || (r.status() == FileStatus.FAILED && r.attempts() < r.maxAttempts());
    }

    private static String describe(FileRecord r) {
        return r.id() + " " + r.status() + ", attempt " + r.attempts() + "/" + r.maxAttempts()
                + (r.leaseOwner() == null ? "" : ", lease owner " + r.leaseOwner() + " until " + r.leaseExpiresAt())
                + ", updated " + r.updatedAt()
                + (r.lastError() == null ? "" : ", last error " + r.lastError().type() + ": " + r.lastError().message());
    }

    /** What is still going on, or null when nothing is. */
    static String busy(List<FileRecord> records, Collection<ExpectedFile> files) {
        Set<String> registered = records.stream().map(r -> r.id().key()).collect(Collectors.toSet());
        long unregistered = files.stream().filter(f -> !registered.contains(f.key())).count();
        long pending = records.stream().filter(r -> r.status() == FileStatus.PENDING).count();
        long running = records.stream().filter(r -> r.status() == FileStatus.IN_PROGRESS).count();
        long retrying = records.stream().filter(r -> r.status() == FileStatus.FAILED && r.attempts() < r.maxAttempts()).count();
        if (unregistered + pending + running + retrying == 0) {
            return null;
        }
        return unregistered + " files without a record, " + pending + " PENDING, " + running + " IN_PROGRESS, " + retrying
                + " FAILED with attempts left"
                + records.stream().filter(Quiescence::isInFlight).findFirst().map(r -> "; first: " + describe(r)).orElse("");
    }
}
