package com.productflow.cli;

import com.productflow.common.json.SummaryLine;
import com.productflow.extract.load.LoadResult;
import com.productflow.local.Demo;
import com.productflow.local.KafkaTopics;
import com.productflow.local.LocalLog;
import com.productflow.local.LocalOptions;
import com.productflow.local.LocalSystem;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code productflow demo}: the whole flow on this machine, one JSON summary. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the whole flow end to end on this machine: starts the local system (as 'productflow local'),"
                    + " loads samples/products.csv into SQLite (the extract's source; its readiness dates are relative to"
                    + " 2026-11-25, so the extract's window ends on that day), drops samples/sample_products.json, samples/sample_products.jsonl and a gzipped copy into the"
                    + " input bucket, waits for every process-file execution, re-reads every XML output and checks it"
                    + " against its recorded SHA-256, then stops everything.",
            "Prints one JSON summary on stdout (per file: status, output key, input/output SHA-256, records,"
                    + " published; Kafka: messages and distinct keys on the topic; SQL: rows loaded and rejected);"
                    + " progress on stderr. Exit code 0 only if every file is COMPLETED and verified and the topic holds"
                    + " each ready product once, else 1.",
        })
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LocalStackOptions stack;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        LocalLog log = LocalLog.stderr();
        LocalOptions options = stack.apply(LocalOptions.defaults().withExtractToday(Demo.SAMPLE_TODAY)).withLog(log);
        SummaryLine summary = new SummaryLine();
        boolean ok;
        log.info("demo: the extract's readiness window ends on %s (samples/products.csv is relative to %s)",
                options.extractToday(), Demo.SAMPLE_TODAY);
        try (LocalSystem system = LocalSystem.start(options)) {
            Demo.Report files = new Demo(system, log).runFiles();
            KafkaTopics.Count topic = KafkaTopics.count(system.kafka().bootstrapServers(), options.topic());
            LoadResult sql = system.productsLoad();
            // Every file's extract ran; incremental, so the topic holds each ready product once.
            ok = files.ok() && topic.messages() > 0 && topic.messages() == topic.distinctKeys();
            log.info("demo: %d messages on topic %s, %d distinct EANs", topic.messages(), options.topic(), topic.distinctKeys());
            summary.put("ok", ok)
                    .put("inputBucket", options.inputBucket())
                    .put("outputBucket", options.outputBucket())
                    .put("files", files.fileSummaries())
                    .put("kafka", new SummaryLine().put("topic", options.topic()).put("messages", topic.messages())
                            .put("distinctKeys", topic.distinctKeys()))
                    .put("sql", new SummaryLine().put("csv", String.valueOf(options.productsCsv())).put("rows", sql.rows())
                            .put("loaded", sql.loaded()).put("rejected", sql.rejected()).put("duplicates", sql.duplicates())
                            .put("today", String.valueOf(options.extractToday())));
        }
        spec.commandLine().getOut().println(summary.seconds(start));
        spec.commandLine().getOut().flush();
        if (!ok) {
            spec.commandLine().getErr().println("productflow demo: not every file completed; see the summary");
        }
        return ok ? 0 : 1;
    }
}
