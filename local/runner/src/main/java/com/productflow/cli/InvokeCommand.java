package com.productflow.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productflow.common.BadInputException;
import com.productflow.common.ProductflowException;
import com.productflow.local.LambdaInvoker;
import com.productflow.local.LocalLog;
import com.productflow.local.LocalOptions;
import com.productflow.local.LocalSystem;
import com.productflow.coldstart.UnversionedEvents;
import com.productflow.local.SampleFiles;
import com.productflow.stack.sfn.Execution;
import com.productflow.template.TemplateStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code productflow invoke FUNCTION --event FILE}: the {@code sam local invoke} of this stack. */
@Command(
        name = "invoke",
        mixinStandardHelpOptions = true,
        description = {
            "Runs one function of template.yaml on an event, like 'sam local invoke' but with no Docker: starts a"
                    + " fresh local system (as 'productflow local' does, without the bucket watcher), puts the sample"
                    + " files into the input bucket under incoming/ (the keys events/*.json name), invokes the function"
                    + " through the local Lambda API and prints its JSON result on stdout.",
            "Functions: those of template.yaml (IngestFunction, ConvertFunction, ExtractFunction, RecordOutcomeFunction,"
                    + " ListFilesFunction, RedriveFunction), each run from its own deployment jar in its own JVM with the"
                    + " template's environment; --parameter-overrides and --env-vars work as in 'sam local invoke'.",
            "Exit code 0 when the function returned, 1 when it failed (the Lambda error document is printed on"
                    + " stderr), 2 for an unknown function or an unreadable event.",
            "Example: ./productflow invoke IngestFunction --event events/s3-put.json --wait",
        })
public final class InvokeCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FUNCTION", description = "The function's logical name in template.yaml.")
    String function;

    @Option(names = {"-e", "--event"}, required = true, paramLabel = "FILE", description = "The event, a JSON file (see events/).")
    Path event;

    @Option(names = "--wait", description = "Also wait for the process-file executions the result names and log how they ended.")
    boolean await;

    @Option(names = "--no-samples", negatable = false, description = "Do not put the sample files into the input bucket first.")
    boolean noSamples;

    @Option(names = "--lambda", paramLabel = "URL",
            description = "Invoke through the Lambda API of a running 'productflow local' (the \"lambda\" of its endpoints line)"
                    + " instead of starting a stack; the function then works on that stack's buckets and table.")
    java.net.URI runningLambda;

    @Mixin
    LocalStackOptions stack;

    @Override
    public Integer call() throws IOException {
        LocalOptions options = stack.apply(LocalOptions.defaults()).withWatch(false);
        List<String> functions = TemplateStack.load(options.template(), options.parameterOverrides()).functionNames();
        if (!functions.contains(function)) {
            throw new BadInputException("unknown function '" + function + "'; one of " + String.join(", ", functions));
        }
        // s3proxy keeps no versions: an event's version ids would be reads it cannot serve (README, local run).
        String payload = UnversionedEvents.withoutVersions(readEvent(event));
        if (runningLambda != null) {
            print(function, new LambdaInvoker(runningLambda).invoke(function, payload, Duration.ofMinutes(15)));
            return 0;
        }
        LocalLog log = LocalLog.stderr();
        try (LocalSystem system = LocalSystem.start(options.withLog(log))) {
            if (!noSamples) {
                SampleFiles.putAll(system.s3(), system.inputBucket(), "incoming/");
            }
            LambdaInvoker.Result result = system.lambda().invoke(function, payload, Duration.ofMinutes(15));
            print(function, result);
            if (await) {
                awaitExecutions(system, JSON.readTree(result.body()), log);
            }
        }
        return 0;
    }

    /** The result on stdout, or the error document on stderr and exit 1. */
    private void print(String function, LambdaInvoker.Result result) throws IOException {
        if (result.functionError()) {
            spec.commandLine().getErr().println(result.body());
            throw new ProductflowException(function + " failed: " + errorLine(result.body()));
        }
        if (result.status() != 200) {
            throw new ProductflowException("the Lambda API answered " + result.status() + ": " + result.body());
        }
        spec.commandLine().getOut().println(JSON.readTree(result.body()).toString());
        spec.commandLine().getOut().flush();
    }

    static String readEvent(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read the event file " + file + ": " + e.getMessage(), e);
        }
        try {
            JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadInputException("the event file " + file + " is not JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage(), e);
        }
        return text;
    }

    private static String errorLine(String document) {
        try {
            JsonNode doc = JSON.readTree(document);
            return doc.path("errorType").asText() + ": " + doc.path("errorMessage").asText();
        } catch (IOException e) {
            return document;
        }
    }

    private static void awaitExecutions(LocalSystem system, JsonNode result, LocalLog log) {
        for (JsonNode arn : result.findValues("executionArn")) {
            if (arn.asText().isEmpty()) {
                continue;
            }
            Execution done = system.stepFunctions().await(arn.asText(), Duration.ofMinutes(5));
            log.info("execution %s %s%s", done.name(), done.status(), done.error() == null ? "" : " (" + done.error() + ")");
        }
    }
}
