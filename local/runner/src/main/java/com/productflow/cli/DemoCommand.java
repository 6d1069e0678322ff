package com.productflow.cli;

import com.productflow.common.json.SummaryLine;
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
                    + " drops samples/sample_products.json, samples/sample_products.jsonl and a gzipped copy into the"
                    + " input bucket, waits for every process-file execution, re-reads every XML output and checks it"
                    + " against its recorded SHA-256, then stops everything.",
            "Prints one JSON summary on stdout (per file: status, output key, input/output SHA-256, records);"
                    + " progress on stderr. Exit code 0 only if every file is COMPLETED and verified, else 1.",
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
        LocalOptions options = stack.apply(LocalOptions.defaults()).withExtractToday(Demo.SAMPLE_TODAY).withLog(log);
        SummaryLine summary = new SummaryLine();
        boolean ok;
        try (LocalSystem system = LocalSystem.start(options)) {
            Demo.Report files = new Demo(system, log).runFiles();
            ok = files.ok();
            summary.put("ok", ok)
                    .put("inputBucket", options.inputBucket())
                    .put("outputBucket", options.outputBucket())
                    .put("files", files.fileSummaries());
        }
        spec.commandLine().getOut().println(summary.seconds(start));
        spec.commandLine().getOut().flush();
        if (!ok) {
            spec.commandLine().getErr().println("productflow demo: not every file completed; see the summary");
        }
        return ok ? 0 : 1;
    }
}
