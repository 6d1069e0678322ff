package com.productflow.local;

import com.productflow.pipeline.PipelineJson;
import com.productflow.pipeline.RegisteredFile;
import com.productflow.stack.sfn.Execution;
import com.productflow.stack.sfn.ExecutionStatus;
import com.productflow.stack.sfn.LocalStepFunctions;
import com.productflow.state.FileRecord;
import com.productflow.state.FileStateStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells the user of {@code productflow local} what the state machine does: each process-file execution
 * when it starts and when it closes, with the file's recorded outcome (COMPLETED with output and counts,
 * FAILED or QUARANTINED with the reason). Reads the executor's ListExecutions, as the console would.
 */
public final class ExecutionMonitor implements AutoCloseable {
    private final LocalStepFunctions sfn;
    private final String stateMachineArn;
    private final FileStateStore state;
    private final LocalLog log;
    private final Map<String, ExecutionStatus> known = new HashMap<>();
    /** Listing every execution grows with their number: after a listing of t ms, wait at least 9 t more. */
    private long nextPollNanos;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("execution-monitor"));

    private ExecutionMonitor(LocalStepFunctions sfn, String stateMachineArn, FileStateStore state, LocalLog log) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
        this.state = state;
        this.log = log;
    }

    public static ExecutionMonitor start(LocalStepFunctions sfn, String stateMachineArn, FileStateStore state,
                                         Duration interval, LocalLog log) {
        ExecutionMonitor monitor = new ExecutionMonitor(sfn, stateMachineArn, state, log);
        // Executions that had ended before this start (restored from a data dir's journal) are not news.
        for (Execution listed : sfn.listExecutions(stateMachineArn)) {
            if (listed.status().closed()) {
                monitor.known.put(listed.executionArn(), listed.status());
            }
        }
        monitor.timer.scheduleWithFixedDelay(monitor::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return monitor;
    }

    private void poll() {
        long started = System.nanoTime();
        if (started - nextPollNanos < 0) {
            return;
        }
        try {
            for (Execution listed : sfn.listExecutions(stateMachineArn)) {
                ExecutionStatus before = known.put(listed.executionArn(), listed.status());
                if (before == listed.status()) {
                    continue;
                }
                if (before == null) {
                    log.info("execution %s RUNNING", listed.name());
                }
                if (listed.status().closed()) {
                    report(sfn.describe(listed.executionArn()));
                }
            }
        } catch (RuntimeException e) {
            if (!timer.isShutdown()) {
                log.info("monitor: %s", e.getMessage());
            }
        }
        long now = System.nanoTime();
        nextPollNanos = now + 9 * (now - started);
    }

    private void report(Execution execution) {
        if (timer.isShutdown()) {
            return; // stopping: the state store may already be gone
        }
        String outcome = "";
        try {
            RegisteredFile file = PipelineJson.MAPPER.readValue(execution.input(), RegisteredFile.class);
            Optional<FileRecord> record = state.get(file.fileId());
            outcome = record.map(ExecutionMonitor::describe).orElse("(no file record)");
            outcome = "s3://" + file.bucket() + "/" + file.key() + " " + outcome;
        } catch (Exception e) {
            outcome = "(file record unreadable: " + e.getMessage() + ")";
        }
        if (execution.status() == ExecutionStatus.SUCCEEDED) {
            log.info("execution %s SUCCEEDED: %s", execution.name(), outcome);
        } else {
            log.info("execution %s %s (%s): %s", execution.name(), execution.status(), execution.error(), outcome);
        }
    }

    private static String describe(FileRecord record) {
        return switch (record.status()) {
            case COMPLETED -> "COMPLETED -> " + record.outputKey() + " (" + record.records() + " records, "
                    + record.published() + " published, sha256 " + record.outputSha256() + ")";
            case FAILED, QUARANTINED -> record.status() + " after attempt " + record.attempts() + " of " + record.maxAttempts()
                    + ": " + (record.lastError() == null ? "" : record.lastError().message());
            default -> String.valueOf(record.status());
        };
    }

    @Override
    public void close() {
        DaemonThreads.stop(timer);
    }
}
