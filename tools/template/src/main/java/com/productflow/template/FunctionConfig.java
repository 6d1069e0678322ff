package com.productflow.template;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One {@code AWS::Serverless::Function} as it would deploy: its properties with {@code Globals.Function}
 * applied (SAM merges Environment.Variables, the function's own win) and every intrinsic evaluated.
 *
 * @param name                the logical id (the local function name)
 * @param handler             {@code class::method}
 * @param timeout             {@code Timeout} (SAM's default: 3 s)
 * @param memoryMb            {@code MemorySize} (SAM's default: 128)
 * @param reservedConcurrency {@code ReservedConcurrentExecutions}, empty when unreserved
 * @param environment         {@code Environment.Variables}, resolved, in template order
 * @param schedules           its {@code Schedule}/{@code ScheduleV2} events
 */
public record FunctionConfig(String name, String handler, Duration timeout, int memoryMb, OptionalInt reservedConcurrency,
                             Map<String, String> environment, List<Schedule> schedules) {

    /** The handler's class name (without {@code ::method}). */
    public String handlerClass() {
        int sep = handler.indexOf("::");
        return sep < 0 ? handler : handler.substring(0, sep);
    }

    /**
     * A schedule event: its name, expression and, for {@code rate(...)}, the period (empty for
     * {@code cron(...)}, which the local run does not evaluate); {@code input} is the event's {@code Input}
     * or null.
     */
    public record Schedule(String event, String expression, java.util.Optional<Duration> rate, String input) {}
}
