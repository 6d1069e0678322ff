package com.productflow.cli;

import com.productflow.local.LocalEndpoints;
import com.productflow.local.LocalLog;
import com.productflow.local.LocalOptions;
import com.productflow.local.LocalStackFile;
import com.productflow.local.LocalSystem;
import com.productflow.local.console.ConsoleServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code productflow local}: the whole system on 127.0.0.1 until Ctrl-C. */
@Command(
        name = "local",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the whole system on 127.0.0.1 and free ports, with no Docker and no AWS: an S3 API (s3proxy)"
                    + " with the input and output buckets, a DynamoDB API (dynalite) with the state table, a Kafka broker"
                    + " (KRaft, in-process) with the topic, samples/products.csv where the extract's CSV_FILE_PATH points,"
                    + " the Lambda API running every function of template.yaml from its own deployment jar in its own JVM"
                    + " (handler, environment, timeout and reserved concurrency from the template), a Step Functions executor"
                    + " running the template's state machines, and the template's schedules (RedriveFunction's rate).",
            "SAM's --parameter-overrides and --env-vars work as in 'sam local'; what the template cannot give locally (the"
                    + " Kafka bootstrap, KAFKA_AUTH) comes from local/env.json. docs/local.md tells what is read from where.",
            "Prints the endpoints as one JSON line on stdout first, then logs ingests, executions and outcomes on"
                    + " stderr. Any file put into the input bucket (aws s3 cp included) with a .json, .jsonl or .json.gz"
                    + " key fires IngestFunction as the S3 notification would. Ctrl-C stops everything.",
            "Writes the endpoints (and its pid) to .productflow/local.json, where files, verify, s3-convert, extract and env"
                    + " find them when no endpoint is given; removed again on a clean exit.",
            "Serves a web console on 127.0.0.1 (key `console` of the endpoints line): files, executions with their graph"
                    + " and history, the topic, and requeue/redrive/backfill.",
            "Example: AWS_ACCESS_KEY_ID=local-access-key AWS_SECRET_ACCESS_KEY=local-secret-key"
                    + " aws --endpoint-url http://127.0.0.1:PORT s3 cp samples/sample_products.json s3://productflow-input/incoming/",
        })
public final class LocalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LocalStackOptions stack;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep everything in DIR (created if missing) instead of temporary storage: S3 objects and multipart"
                    + " uploads, the DynamoDB tables, the Kafka log, the executions (a journal), the functions' /tmp (the"
                    + " extract's SQLite) and the settings file (copied in on the first start). Starting again on DIR, also"
                    + " after kill -9, resumes: nothing stored is lost, interrupted executions run again under their name and"
                    + " input, files that arrived meanwhile are ingested; the endpoints may be new. One local per DIR: a"
                    + " second one exits 2. docs/local.md, \"Data directory\".")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        LocalOptions options = stack.apply(LocalOptions.defaults()).withLog(LocalLog.stderr());
        if (dataDir != null) {
            options = options.withDataDir(dataDir);
        }
        LocalSystem system = LocalSystem.start(options);
        ConsoleServer console;
        try {
            console = ConsoleServer.start(system);
        } catch (IOException | RuntimeException e) {
            system.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("productflow local: stopping");
            try {
                console.close();
                system.close();
            } finally {
                stopped.countDown();
            }
        }, "productflow-local-stop"));
        LocalEndpoints shown = system.endpoints().withConsole(console.url());
        String endpoints = shown.toSummary().toString();
        LocalStackFile found = LocalStackFile.inWorkingFolder();
        found.write(endpoints);
        Runtime.getRuntime().addShutdownHook(new Thread(found::removeIfOurs, "productflow-local-forget"));
        spec.commandLine().getOut().println(endpoints);
        spec.commandLine().getOut().flush();
        System.err.println("productflow local: endpoints in " + found.path() + " (other commands here use them; `./productflow env`"
                + " prints them as exports)" + "; console on " + console.url());
        System.err.println("productflow local: running; Ctrl-C stops everything");
        stopped.await();
        return 0;
    }
}
