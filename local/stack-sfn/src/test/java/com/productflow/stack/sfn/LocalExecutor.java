package com.productflow.stack.sfn;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For one test class, as a JUnit 5 extension on a static field: the local Lambda API serving the test's
 * functions and the Step Functions executor calling it. Retries wait 5 ms instead of the definitions'
 * seconds (their counts and error names are unchanged). Started before the class's {@code @BeforeAll}
 * methods, stopped after its {@code @AfterAll} ones. (local/test-support's {@code LocalServer} is the
 * same for the modules above; it cannot serve this module's own tests, since it depends on this module.)
 */
final class LocalExecutor implements BeforeAllCallback, AfterAllCallback {
    private static final Duration FAST_RETRIES = Duration.ofMillis(5);
    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private LocalLambdaServer lambda;
    private LocalStepFunctions sfn;

    /** Serves {@code function} as the Lambda function {@code name} ({@link LocalLambdaServer#functionArn}). */
    LocalExecutor function(String name, LocalFunction function) {
        functions.put(name, function);
        return this;
    }

    /** The running executor. */
    LocalStepFunctions sfn() {
        if (sfn == null) {
            throw new IllegalStateException("the executor is not running: register the extension on a static field");
        }
        return sfn;
    }

    /** Creates the real statemachine/process-file.asl.json, calling functions Convert, Extract and RecordOutcome. */
    String deployProcessFile() throws IOException {
        return sfn().deploy("process-file", Map.of(
                "ConvertFunctionArn", LocalLambdaServer.functionArn("Convert"),
                "ExtractFunctionArn", LocalLambdaServer.functionArn("Extract"),
                "RecordOutcomeFunctionArn", LocalLambdaServer.functionArn("RecordOutcome")));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        lambda = LocalLambdaServer.start();
        functions.forEach(lambda::register);
        sfn = LocalStepFunctions.start(LocalStepFunctions.Options.of(lambda.endpoint()).withRetryInterval(FAST_RETRIES));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (sfn != null) {
                sfn.close();
            }
        } finally {
            sfn = null;
            if (lambda != null) {
                lambda.close();
                lambda = null;
            }
        }
    }
}
