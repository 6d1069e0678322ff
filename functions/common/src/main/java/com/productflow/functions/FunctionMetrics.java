package com.productflow.functions;

import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * CloudWatch metrics through Powertools (embedded metric format in the function's log), only inside
 * Lambda: outside it (the local runner, tests) the EMF lines would mix with a command's output.
 */
public final class FunctionMetrics {
    private static final boolean IN_LAMBDA = System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null;

    private FunctionMetrics() {}

    public static void count(String name, double value) {
        if (IN_LAMBDA) {
            metrics().addMetric(name, value, MetricUnit.COUNT);
        }
    }

    public static void bytes(String name, double value) {
        if (IN_LAMBDA) {
            metrics().addMetric(name, value, MetricUnit.BYTES);
        }
    }

    public static void milliseconds(String name, double value) {
        if (IN_LAMBDA) {
            metrics().addMetric(name, value, MetricUnit.MILLISECONDS);
        }
    }

    /** Writes what this invocation recorded; called once per invocation by {@link JsonHandler}. */
    static void flush() {
        if (IN_LAMBDA) {
            metrics().flush();
        }
    }

    private static Metrics metrics() {
        return MetricsFactory.getMetricsInstance();
    }
}
