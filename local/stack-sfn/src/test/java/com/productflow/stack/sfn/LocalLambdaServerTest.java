package com.productflow.stack.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local Lambda Invoke API over real HTTP, as the executor and SDK clients call it. */
class LocalLambdaServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalLambdaServer lambda;

    /** Nested on purpose: the runtime reports the binary name, Outer$Inner. */
    static final class ParseFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ParseFailure(String message) {
            super(message);
        }
    }

    @BeforeEach
    void start() throws IOException {
        lambda = LocalLambdaServer.start()
                .register("Echo", payload -> payload)
                .register("Boom", payload -> {
                    throw new ParseFailure("bad & <broken> \"json\" at offset 17");
                })
                .register("NoMessage", payload -> {
                    throw new IllegalStateException();
                });
    }

    @AfterEach
    void stop() {
        lambda.close();
    }

    private HttpResponse<String> invoke(String functionName, String body, String invocationType) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(lambda.endpoint().resolve("/2015-03-31/functions/"
                        + URLEncoder.encode(functionName, StandardCharsets.UTF_8) + "/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (invocationType != null) {
            req.header("X-Amz-Invocation-Type", invocationType);
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(lambda.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(lambda.endpoint().getPort()).isPositive();
    }

    @Test
    void returnsTheFunctionResultForEveryNameForm() throws Exception {
        for (String name : new String[] {"Echo", "Echo:$LATEST", "000000000000:function:Echo",
                "arn:aws:lambda:eu-west-1:123456789012:function:Echo", "arn:aws:lambda:us-east-1:000000000000:function:Echo:live"}) {
            HttpResponse<String> res = invoke(name, "{\"a\":[1,2,\"é\"]}", null);
            assertThat(res.statusCode()).as(name).isEqualTo(200);
            assertThat(res.headers().firstValue("X-Amz-Function-Error")).as(name).isEmpty();
            assertThat(JSON.readTree(res.body())).as(name).isEqualTo(JSON.readTree("{\"a\":[1,2,\"é\"]}"));
        }
    }

    @Test
    void aThrownExceptionIsAFunctionErrorShapedLikeTheJavaRuntimes() throws Exception {
        HttpResponse<String> res = invoke("Boom", "{}", null);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("X-Amz-Function-Error")).contains("Unhandled");
        JsonNode doc = JSON.readTree(res.body());
        assertThat(doc.get("errorType").asText()).isEqualTo(ParseFailure.class.getName())
                .isEqualTo("com.productflow.stack.sfn.LocalLambdaServerTest$ParseFailure");
        assertThat(doc.get("errorMessage").asText()).isEqualTo("bad & <broken> \"json\" at offset 17");
        assertThat(doc.get("stackTrace").get(0).asText()).contains("LocalLambdaServerTest");

        JsonNode noMessage = JSON.readTree(invoke("NoMessage", "{}", null).body());
        assertThat(noMessage.get("errorMessage").asText()).isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void unknownFunctionsAndBadPayloadsAreServiceErrors() throws Exception {
        HttpResponse<String> missing = invoke("Nope", "{}", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("x-amzn-ErrorType")).contains("ResourceNotFoundException");
        assertThat(missing.body()).contains("function:Nope");

        HttpResponse<String> badJson = invoke("Echo", "{\"a\":", null);
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badJson.headers().firstValue("x-amzn-ErrorType")).contains("InvalidRequestContentException");

        HttpResponse<String> hostileName = invoke("../../etc/passwd", "{}", null);
        assertThat(hostileName.statusCode()).isEqualTo(404);
    }

    @Test
    void theStatesLambdaInvokeFormIsUnwrappedAndItsResultWrapped() throws Exception {
        HttpResponse<String> res = invoke("arn:aws:states:::lambda:invoke",
                "{\"FunctionName\":\"arn:aws:lambda:us-east-1:000000000000:function:Echo\",\"Payload\":{\"k\":\"v\"}}", null);
        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(res.body());
        assertThat(body.get("Payload")).isEqualTo(JSON.readTree("{\"k\":\"v\"}"));
        assertThat(body.get("StatusCode").asInt()).isEqualTo(200);

        HttpResponse<String> failed = invoke("arn:aws:states:::lambda:invoke", "{\"FunctionName\":\"Boom\",\"Payload\":{}}", null);
        assertThat(failed.headers().firstValue("X-Amz-Function-Error")).contains("Unhandled");
        assertThat(JSON.readTree(failed.body()).get("errorType").asText()).endsWith("$ParseFailure");
    }

    @Test
    void eventInvocationsAnswer202AndRunInTheBackground() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        lambda.register("Async", payload -> {
            ran.countDown();
            return payload;
        });
        HttpResponse<String> res = invoke("Async", "{}", "Event");
        assertThat(res.statusCode()).isEqualTo(202);
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(invoke("Async", "{}", "DryRun").statusCode()).isEqualTo(204);
    }

    @Test
    void realHandlerInterfacesAreAdapted() throws Exception {
        lambda.register("Stream", LambdaHandlers.stream("Stream", Duration.ofSeconds(30), (in, out, ctx) -> {
            byte[] body = in.readAllBytes();
            out.write(("{\"fn\":\"" + ctx.getFunctionName() + "\",\"len\":" + body.length + ",\"left\":"
                    + (ctx.getRemainingTimeInMillis() > 0) + "}").getBytes(StandardCharsets.UTF_8));
        }));
        RequestHandler<JsonNode, String> typed = (input, ctx) -> input.get("name").asText().toUpperCase() + "@" + ctx.getInvokedFunctionArn();
        lambda.register("Typed", LambdaHandlers.typed("Typed", Duration.ofSeconds(30), typed, JSON::readTree, out -> {
            try {
                return JSON.writeValueAsBytes(out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
        assertThat(JSON.readTree(invoke("Stream", "{\"x\":1}", null).body()))
                .isEqualTo(JSON.readTree("{\"fn\":\"Stream\",\"len\":7,\"left\":true}"));
        assertThat(JSON.readTree(invoke("Typed", "{\"name\":\"ean\"}", null).body()).asText())
                .isEqualTo("EAN@arn:aws:lambda:us-east-1:000000000000:function:Typed");
    }

    @Test
    void registrationRejectsNamesLambdaWouldReject() {
        assertThatThrownBy(() -> lambda.register("bad name", p -> p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad name");
        assertThatThrownBy(() -> lambda.register("arn:aws:lambda:x", p -> p)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stopsListeningWhenClosed() throws Exception {
        URI endpoint = lambda.endpoint();
        lambda.close();
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(endpoint.resolve("/2015-03-31/functions/Echo/invocations"))
                .timeout(Duration.ofSeconds(2)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        lambda = LocalLambdaServer.start(); // for @AfterEach
    }
}
