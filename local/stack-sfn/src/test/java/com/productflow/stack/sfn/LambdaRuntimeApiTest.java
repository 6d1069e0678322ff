package com.productflow.stack.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Runtime API a function's own process polls, seen from both sides: the runtime and the Invoke API. */
class LambdaRuntimeApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger wrapped = new AtomicInteger();
    private LocalLambdaServer server;
    private LambdaRuntimeApi runtime;

    @BeforeEach
    void start() throws Exception {
        server = LocalLambdaServer.start();
        runtime = server.registerRuntime("Echo", Duration.ofSeconds(1), inner -> payload -> {
            wrapped.incrementAndGet();
            return inner.invoke(payload);
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String api() {
        return "http://" + server.runtimeApiAddress("Echo") + "/2018-06-01/runtime";
    }

    private HttpResponse<String> invoke(String payload) throws Exception {
        return http.send(HttpRequest.newBuilder(server.endpoint().resolve("/2015-03-31/functions/Echo/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> next() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(api() + "/invocation/next")).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private int post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(api() + path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void theRuntimeTakesTheEventAndItsResponseIsTheInvokeResult() throws Exception {
        CompletableFuture<HttpResponse<String>> call = CompletableFuture.supplyAsync(() -> {
            try {
                return invoke("{\"n\":1}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        HttpResponse<String> event = next();
        assertThat(event.body()).isEqualTo("{\"n\":1}");
        String id = event.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
        long deadline = Long.parseLong(event.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow());
        assertThat(deadline - System.currentTimeMillis()).isBetween(0L, 1000L);
        assertThat(event.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn")).contains(LocalLambdaServer.functionArn("Echo"));

        assertThat(post("/invocation/" + id + "/response", "{\"ok\":true}")).isEqualTo(202);
        HttpResponse<String> result = call.get(10, TimeUnit.SECONDS);
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.headers().firstValue("X-Amz-Function-Error")).isEmpty();
        assertThat(result.body()).isEqualTo("{\"ok\":true}");
        assertThat(wrapped.get()).isEqualTo(1);
        assertThat(post("/invocation/" + id + "/response", "{}")).as("answered twice").isEqualTo(400);
    }

    @Test
    void anErrorDocumentIsPassedOnVerbatimAsAnUnhandledFunctionError() throws Exception {
        CompletableFuture<HttpResponse<String>> call = CompletableFuture.supplyAsync(() -> {
            try {
                return invoke("{}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String id = next().headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
        String document = "{\"errorMessage\":\"broker down\",\"errorType\":\"com.productflow.functions.KafkaUnavailable\",\"stackTrace\":[]}";
        post("/invocation/" + id + "/error", document);

        HttpResponse<String> result = call.get(10, TimeUnit.SECONDS);
        assertThat(result.headers().firstValue("X-Amz-Function-Error")).contains("Unhandled");
        assertThat(result.body()).isEqualTo(document);
    }

    @Test
    void aRuntimeThatTakesTheEventAndNeverAnswersTimesOutAfterTheFunctionsTimeout() throws Exception {
        CompletableFuture<HttpResponse<String>> call = CompletableFuture.supplyAsync(() -> {
            try {
                return invoke("{}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(1500); // waiting in the queue does not count against the timeout
        next();
        long taken = System.nanoTime();
        HttpResponse<String> result = call.get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - taken)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        JsonNode error = JSON.readTree(result.body());
        assertThat(error.path("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(error.path("errorMessage").asText()).contains("Task timed out after 1.00 seconds");
    }

    @Test
    void aFailedInitFailsEveryInvocationWithItsErrorUntilReset() throws Exception {
        String document = "{\"errorMessage\":\"no such class\",\"errorType\":\"java.lang.ClassNotFoundException\"}";
        assertThat(post("/init/error", document)).isEqualTo(202);
        assertThat(runtime.initFailed()).isTrue();

        HttpResponse<String> result = invoke("{}");
        assertThat(result.headers().firstValue("X-Amz-Function-Error")).contains("Unhandled");
        assertThat(result.body()).isEqualTo(document);
        runtime.reset();
        assertThat(runtime.initFailed()).isFalse();
    }
}
