package com.productflow.local;

import com.productflow.template.FunctionConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The template's {@code Schedule}/{@code ScheduleV2} events, run locally: each function is invoked
 * asynchronously (as EventBridge Scheduler does) with the event's {@code Input}, or {@code {}}, once per period:
 * its {@code rate(...)}, or {@code --schedule-rate} for every schedule (a {@code cron(...)} runs only then).
 * The first run is one period after the start, as in AWS.
 */
final class Schedules implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("schedule"));

    private Schedules() {}

    static Schedules start(List<FunctionConfig> functions, LambdaInvoker lambda, Duration rateOverride, LocalLog log) {
        Schedules schedules = new Schedules();
        for (FunctionConfig function : functions) {
            for (FunctionConfig.Schedule schedule : function.schedules()) {
                Duration period = rateOverride != null ? rateOverride : schedule.rate().orElse(null);
                if (period == null) {
                    continue;
                }
                String payload = schedule.input() == null ? "{}" : schedule.input();
                schedules.timer.scheduleAtFixedRate(() -> {
                    try {
                        int status = lambda.invokeAsync(function.name(), payload);
                        log.info("schedule %s: %s invoked (%d)", schedule.event(), function.name(), status);
                    } catch (RuntimeException e) {
                        log.warn("schedule %s: invoking %s failed: %s", schedule.event(), function.name(), e.getMessage());
                    }
                }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
                log.info("schedule %s of %s: every %s%s", schedule.event(), function.name(), period,
                        rateOverride != null ? " (--schedule-rate; the template says " + schedule.expression() + ")" : "");
            }
        }
        return schedules;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
