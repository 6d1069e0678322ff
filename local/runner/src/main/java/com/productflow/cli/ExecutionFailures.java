package com.productflow.cli;

import com.productflow.common.config.SettingsRegistry;
import com.productflow.common.config.SettingsSource;
import com.productflow.common.json.SummaryLine;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.SfnClientBuilder;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * For {@code files show}: which state of a file's execution failed and with what error, from the execution's history
 * (the newest failure event, traced back through {@code previousEventId} to its state's entered event). Step Functions
 * is found like every other service (flag/environment {@code AWS_ENDPOINT_URL_SFN}, else the local stack's file).
 */
final class ExecutionFailures implements AutoCloseable {
    private static final List<HistoryEventType> FAILURES = List.of(HistoryEventType.TASK_FAILED, HistoryEventType.LAMBDA_FUNCTION_FAILED,
            HistoryEventType.TASK_TIMED_OUT, HistoryEventType.LAMBDA_FUNCTION_TIMED_OUT, HistoryEventType.EXECUTION_FAILED,
            HistoryEventType.EXECUTION_TIMED_OUT, HistoryEventType.EXECUTION_ABORTED);
    private final SfnClient client;

    private ExecutionFailures(SfnClient client) {
        this.client = client;
    }

    static ExecutionFailures open(Map<String, String> flags) {
        SettingsSource settings = LocalDiscovery.standard(flags, LocalDiscovery.Service.STEPFUNCTIONS);
        SfnClientBuilder builder = SfnClient.builder().httpClient(UrlConnectionHttpClient.create());
        Optional<URI> endpoint = settings.optional(SettingsRegistry.AWS_ENDPOINT_URL_SFN);
        boolean local = endpoint.map(URI::getHost).map(h -> h.equals("127.0.0.1") || h.equals("localhost")).orElse(false);
        endpoint.ifPresent(builder::endpointOverride);
        settings.optional(SettingsRegistry.AWS_REGION).or(() -> local ? Optional.of("us-east-1") : Optional.empty()).ifPresent(r -> builder.region(Region.of(r)));
        builder.credentialsProvider(local && System.getenv("AWS_ACCESS_KEY_ID") == null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : DefaultCredentialsProvider.builder().build());
        return new ExecutionFailures(builder.build());
    }

    /** The execution's status and, when it failed, its failed state, error and cause; a note instead when it cannot be read. */
    SummaryLine describe(String executionArn) {
        SummaryLine out = new SummaryLine().put("arn", executionArn);
        try {
            DescribeExecutionResponse execution = client.describeExecution(b -> b.executionArn(executionArn));
            out.put("status", execution.statusAsString());
            List<HistoryEvent> events = client.getExecutionHistory(b -> b.executionArn(executionArn).reverseOrder(true).maxResults(1000)).events();
            Map<Long, HistoryEvent> byId = new HashMap<>();
            events.forEach(e -> byId.put(e.id(), e));
            events.stream().filter(e -> FAILURES.contains(e.type()) && e.type() != HistoryEventType.EXECUTION_FAILED).findFirst()
                    .ifPresent(failed -> {
                        stateOf(failed, byId).ifPresent(state -> out.put("failedState", state));
                        out.put("failedEvent", failed.typeAsString());
                    });
            if (execution.error() != null) {
                out.put("error", execution.error()).put("cause", execution.cause());
            }
        } catch (SdkException e) {
            out.put("unavailable", "could not read the execution: " + e.getMessage());
        }
        return out;
    }

    private static Optional<String> stateOf(HistoryEvent event, Map<Long, HistoryEvent> byId) {
        for (HistoryEvent e = event; e != null; e = byId.get(e.previousEventId())) {
            if (e.stateEnteredEventDetails() != null) {
                return Optional.of(e.stateEnteredEventDetails().name());
            }
            if (e.previousEventId() == null || e.previousEventId() == 0) {
                break;
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        client.close();
    }
}
