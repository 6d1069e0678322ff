package com.productflow.stack.sfn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * On-demand timings of the local Step Functions (not a test): executor start-up, one process-file
 * execution in the long-lived executor, and the reference of one Node process per execution.
 * Run: {@code mvn -q -pl local/stack-sfn test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=com.productflow.stack.sfn.SfnTimings}
 */
public final class SfnTimings {

    private static final String FILE = "{\"bucket\":\"in\",\"key\":\"drop/p.json\",\"etag\":\"e\",\"inputSha256\":\"" + "0".repeat(64) + "\"}";

    private SfnTimings() {
    }

    public static void main(String[] args) throws Exception {
        try (LocalLambdaServer lambda = LocalLambdaServer.start()
                .register("Convert", p -> "{\"outputKey\":\"x.xml\",\"records\":1}".getBytes())
                .register("Extract", p -> "{\"published\":1}".getBytes())
                .register("RecordOutcome", p -> "{}".getBytes())) {
            LocalStepFunctions.Options options = LocalStepFunctions.Options.of(lambda.endpoint());
            Map<String, String> subs = Map.of(
                    "ConvertFunctionArn", LocalLambdaServer.functionArn("Convert"),
                    "ExtractFunctionArn", LocalLambdaServer.functionArn("Extract"),
                    "RecordOutcomeFunctionArn", LocalLambdaServer.functionArn("RecordOutcome"));

            double[] starts = new double[5];
            for (int i = 0; i < starts.length; i++) {
                long t0 = System.nanoTime();
                try (LocalStepFunctions sfn = LocalStepFunctions.start(options)) {
                    starts[i] = ms(t0);
                }
            }
            System.out.printf("executor start (ms, 5 runs): %s, median %.0f%n", fmt(starts), median(starts));

            try (LocalStepFunctions sfn = LocalStepFunctions.start(options)) {
                String template = sfn.definitionTemplate("process-file");
                long t0 = System.nanoTime();
                String arn = sfn.createStateMachine("process-file", template, subs);
                System.out.printf("CreateStateMachine process-file: %.1f ms%n", ms(t0));

                double[] first = new double[1];
                t0 = System.nanoTime();
                check(sfn.run(arn, null, FILE, Duration.ofSeconds(30)));
                first[0] = ms(t0);
                System.out.printf("first execution: %.1f ms%n", first[0]);
                for (int i = 0; i < 50; i++) {
                    check(sfn.run(arn, null, FILE, Duration.ofSeconds(30)));
                }
                double[] sequential = new double[200];
                for (int i = 0; i < sequential.length; i++) {
                    long s = System.nanoTime();
                    check(sfn.run(arn, null, FILE, Duration.ofSeconds(30)));
                    sequential[i] = ms(s);
                }
                Arrays.sort(sequential);
                System.out.printf("process-file, sequential, 200 runs after 50 warm-up: median %.2f ms, p90 %.2f ms, max %.2f ms%n",
                        median(sequential), sequential[179], sequential[199]);

                int n = 400;
                ExecutorService pool = Executors.newFixedThreadPool(8);
                t0 = System.nanoTime();
                List<Future<Execution>> all = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    all.add(pool.submit(() -> sfn.run(arn, null, FILE, Duration.ofSeconds(60))));
                }
                for (Future<Execution> f : all) {
                    check(f.get());
                }
                double total = ms(t0);
                pool.shutdown();
                System.out.printf("process-file, 8 concurrent clients: %d executions in %.0f ms = %.0f executions/s%n", n, total, n * 1000 / total);
            }

            // Reference: a fresh Node process per execution (the library's CLI way).
            Path def = Files.createTempFile("pf", ".json");
            Path in = Files.createTempFile("pf-in", ".json");
            Path script = Files.createTempFile("sfn-executor", ".cjs");
            try (var res = SfnTimings.class.getResourceAsStream("sfn-executor.cjs")) {
                Files.write(script, res.readAllBytes());
            }
            Files.writeString(def, DefinitionSubstitutions.apply(Files.readString(options.projectRoot().resolve("statemachine/process-file.asl.json")), subs));
            Files.writeString(in, FILE);
            double[] perProcess = new double[5];
            for (int i = 0; i < perProcess.length; i++) {
                long t0 = System.nanoTime();
                ProcessBuilder pb = new ProcessBuilder("node", "--no-warnings", script.toString(), "run", def.toString(), in.toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .directory(options.projectRoot().toFile());
                pb.environment().put("PRODUCTFLOW_NODE_ROOT", options.projectRoot().toString());
                pb.environment().put("AWS_ENDPOINT_URL_LAMBDA", lambda.endpoint().toString());
                pb.environment().put("AWS_REGION", "us-east-1");
                Process p = pb.start();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("per-process run failed");
                }
                perProcess[i] = ms(t0);
            }
            System.out.printf("reference, one node process per execution (ms, 5 runs): %s, median %.0f%n", fmt(perProcess), median(perProcess));
            Files.deleteIfExists(def);
            Files.deleteIfExists(in);
            Files.deleteIfExists(script);
        }
    }

    private static void check(Execution e) {
        if (e.status() != ExecutionStatus.SUCCEEDED) {
            throw new IllegalStateException(e.toString());
        }
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }

    private static String fmt(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : " ").append(Math.round(v));
        }
        return sb.toString();
    }
}
