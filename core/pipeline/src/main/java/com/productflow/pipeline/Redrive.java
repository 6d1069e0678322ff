package com.productflow.pipeline;

import com.productflow.state.FileRecord;
import com.productflow.state.FileStateStore;
import com.productflow.state.FileStatus;
import com.productflow.state.Page;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The scheduled sweep that makes failures resumable: FAILED files with attempts left, IN_PROGRESS files
 * whose lease expired (their worker died) and PENDING files whose execution never started (ingest died
 * between register and start) get a new process-file execution. The name is deterministic per attempt,
 * so two overlapping sweeps start each attempt once. QUARANTINED files are only counted.
 */
public final class Redrive {
    private static final int PAGE = 100;
    private final FileStateStore state;
    private final ExecutionStarter executions;
    private final Clock clock;
    private final Duration pendingGrace;

    public Redrive(FileStateStore state, ExecutionStarter executions, Clock clock, Duration pendingGrace) {
        this.state = state;
        this.executions = executions;
        this.clock = clock;
        this.pendingGrace = pendingGrace;
    }

    public record Summary(int failedRestarted, int expiredRestarted, int pendingRestarted, int quarantined) {}

    public Summary run() {
        Instant now = clock.instant();
        int failed = restart(FileStatus.FAILED, r -> r.attempts() < r.maxAttempts());
        int expired = restart(FileStatus.IN_PROGRESS, r -> r.leaseExpired(now));
        int pending = restart(FileStatus.PENDING, r -> r.updatedAt().isBefore(now.minus(pendingGrace)));
        int quarantined = count(FileStatus.QUARANTINED);
        return new Summary(failed, expired, pending, quarantined);
    }

    private int restart(FileStatus status, Predicate<FileRecord> due) {
        int started = 0;
        Optional<String> cursor = Optional.empty();
        do {
            Page<FileRecord> page = state.list(status, PAGE, cursor);
            for (FileRecord record : page.items()) {
                if (due.test(record)) {
                    String name = ExecutionNames.forAttempt(record.id(), record.attempts() + 1);
                    if (executions.start(name, PipelineJson.write(RegisteredFile.of(record))).started()) {
                        started++;
                    }
                }
            }
            cursor = page.next();
        } while (cursor.isPresent());
        return started;
    }

    private int count(FileStatus status) {
        int total = 0;
        Optional<String> cursor = Optional.empty();
        do {
            Page<FileRecord> page = state.list(status, PAGE, cursor);
            total += page.items().size();
            cursor = page.next();
        } while (cursor.isPresent());
        return total;
    }
}
