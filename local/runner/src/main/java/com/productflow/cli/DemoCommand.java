package com.productflow.cli;

import com.productflow.common.json.SummaryLine;
import com.productflow.extract.load.LoadResult;
import com.productflow.local.Demo;
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
                    + " puts samples/products.csv where the extract's CSV_FILE_PATH points (it builds SQLite from it, as in AWS; its readiness dates are relative to"
                    + " 2026-11-25, so the extract's window ends on that day), drops samples/sample_products.json, samples/sample_products.jsonl and a gzipped copy into the"
                    + " input bucket, waits for every process-file execution, re-reads every XML output and checks it"
                    + " against its recorded SHA-256, then stops everything.",
            "Prints one JSON summary on stdout (per file: status, output key, input/output SHA-256, records,"
                    + " published; Kafka: messages, distinct keys, the products the SQL selection returns and any missing or"
                    + " unexpected; SQL: rows loaded and rejected); progress on stderr. Exit code 0 only if every file is"
                    + " COMPLETED and verified and the topic holds exactly the products the SQL selection returns, each once, else 1.",
            "The functions, their environment and the state machines come from template.yaml (see docs/local.md);"
                    + " --parameter-overrides and --env-vars work as in 'sam local'.",
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
            Demo demo = new Demo(system, log);
            Demo.Report files = demo.runFiles();
            // Every file's extract ran (incremental): the topic must hold exactly what the SQL selection returns, once each.
            Demo.ExtractReport extract = demo.checkExtract();
            LoadResult sql = extract.load();
            ok = files.ok() && extract.ok();
            summary.put("ok", ok)
                    .put("inputBucket", system.inputBucket())
                    .put("outputBucket", system.outputBucket())
                    .put("files", files.fileSummaries())
                    .put("kafka", extract.toSummary())
                    .put("sql", new SummaryLine().put("csv", String.valueOf(options.productsCsv())).put("rows", sql.rows())
                            .put("loaded", sql.loaded()).put("rejected", sql.rejected()).put("duplicates", sql.duplicates())
                            .put("today", String.valueOf(extract.today())));
        }
        spec.commandLine().getOut().println(summary.seconds(start));
        spec.commandLine().getOut().flush();
        if (!ok) {
            spec.commandLine().getErr().println("productflow demo: not every file completed, or the topic does not hold exactly"
                    + " the selected products; see the summary");
        }
        return ok ? 0 : 1;
    }
}
