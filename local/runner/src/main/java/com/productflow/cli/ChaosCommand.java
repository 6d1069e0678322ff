package com.productflow.cli;

import com.productflow.common.BadInputException;
import com.productflow.local.LocalLog;
import com.productflow.local.chaos.Campaign;
import com.productflow.local.chaos.CampaignResult;
import com.productflow.local.chaos.ChaosPlan;
import com.productflow.local.chaos.LocalLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code productflow chaos}: the crash campaign of issue 14 on this machine, one JSON line. */
@Command(
        name = "chaos",
        mixinStandardHelpOptions = true,
        description = {
            "Crashes the whole local system again and again and checks that nothing was lost, duplicated or left half done."
                    + " Starts 'productflow local --data-dir DIR' as a separate process, drops N files into the input bucket (about"
                    + " one in ten malformed, some larger than one upload part so they go multipart), runs extracts through the"
                    + " Lambda API, and kills every process of the system with SIGKILL K times, each aimed at a moment (mid-upload,"
                    + " mid-conversion, mid-extract, mid-state-write), restarting it on the same DIR each time. Then waits for"
                    + " quiet and checks on the whole history: every well-formed file COMPLETED exactly once (or SUPERSEDED) with"
                    + " one output whose SHA-256 is its record's and its metadata's; every malformed one FAILED or QUARANTINED with"
                    + " its reason; none PENDING or IN_PROGRESS; no partial object, no open multipart upload; the topic (read"
                    + " committed) holds each product of the SQL selection exactly once; records and objects agree both ways.",
            "Prints one JSON line (files, kills, seed, invariants with a count per invariant, violations, what the kills hit,"
                    + " where the logs are); progress on stderr. Exit 0 when every invariant holds, 1 when one is broken or the"
                    + " system could not be run, 2 for bad flags.",
            "The files and the kills' phases and delays come from the seed; when a phase is seen depends on the machine.",
        })
public final class ChaosCommand implements Callable<Integer> {
    /** How many violations stderr repeats (the JSON line has them all). */
    private static final int LISTED_VIOLATIONS = 10;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR",
            description = "Where the system keeps everything (created; must be new or empty: the whole history is checked).")
    Path dataDir;

    @Option(names = "--files", required = true, paramLabel = "N", description = "Files to drop (>= 1).")
    int files;

    @Option(names = "--kills", required = true, paramLabel = "K", description = "Kills of the whole system (>= 0).")
    int kills;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the files and kills (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (files < 1) {
            throw new BadInputException("--files must be at least 1, got " + files);
        }
        if (kills < 0) {
            throw new BadInputException("--kills must be at least 0, got " + kills);
        }
        requireNewOrEmpty(dataDir);
        LocalLog log = LocalLog.stderr();
        Files.createDirectories(dataDir);
        Path work = Files.createTempDirectory("productflow-chaos-");
        long start = System.nanoTime();
        CampaignResult result = new Campaign(ChaosPlan.of(files, kills, seed), new LocalLauncher(dataDir, work),
                dataDir, work, log).run();
        spec.commandLine().getOut().println(result.toSummary().seconds(start));
        spec.commandLine().getOut().flush();
        if (!result.ok()) {
            List<String> violations = result.report().violations();
            spec.commandLine().getErr().println("productflow chaos: " + violations.size()
                    + " invariant violations; see \"violations\" and the logs in " + work);
            violations.stream().limit(LISTED_VIOLATIONS).forEach(v -> spec.commandLine().getErr().println("  " + v));
        }
        return result.ok() ? 0 : 1;
    }

    private static void requireNewOrEmpty(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException("--data-dir " + dir + " is not a folder");
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new BadInputException("--data-dir " + dir + " is not empty: the campaign checks the whole history of"
                            + " its data dir, so it needs a new one");
                }
            }
        }
    }
}
