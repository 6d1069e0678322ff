package com.productflow.local.chaos;

import com.productflow.local.Demo;
import com.productflow.local.ExtractSelection;
import com.productflow.local.LambdaInvoker;
import com.productflow.local.LocalLog;
import com.productflow.local.LocalOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The crash campaign (issue 14): the system runs as a separate process on a data dir; the plan's files are
 * dropped in rounds, extracts run, and each round but the last ends with a kill of the whole system aimed at a
 * phase, followed by a restart on the same data dir (new endpoints, read again). Then it waits for quiet, runs a
 * last extract, reads everything back and judges the {@link Invariants} on the whole history.
 */
public final class Campaign {
    private static final Duration QUIET_BASE = Duration.ofMinutes(3);
    private static final int FINAL_UPLOAD_TRIES = 3;

    private final ChaosPlan plan;
    private final LocalLauncher launcher;
    private final Path dataDir;
    private final Path work;
    private final LocalLog log;

    public Campaign(ChaosPlan plan, LocalLauncher launcher, Path dataDir, Path work, LocalLog log) {
        this.plan = plan;
        this.launcher = launcher;
        this.dataDir = dataDir;
        this.work = work;
        this.log = log;
    }

    public CampaignResult run() throws IOException, InterruptedException {
        Set<String> selected = ExtractSelection.of(LocalOptions.defaults(), Demo.SAMPLE_TODAY).eans();
        List<ExpectedFile> expected = plan.files().stream().map(ExpectedFile::of).toList();
        List<InputFile> pending = Collections.synchronizedList(new ArrayList<>(plan.files()));
        Set<InputFile> stored = ConcurrentHashMap.newKeySet();
        List<KillRecord> kills = new ArrayList<>();
        LocalProcess local = launcher.start();
        log.info("chaos: %d files, %d kills, seed %d; local (pid %d) logs in %s", plan.files().size(), plan.kills().size(),
                plan.seed(), local.pid(), work);
        try {
            for (int i = 0; i < plan.kills().size(); i++) {
                ChaosPlan.PlannedKill planned = plan.kills().get(i);
                List<InputFile> batch = batch(pending, plan.kills().size() + 1 - i, planned, remainingUploadKills(i));
                KillRecord kill;
                try (StackClients clients = new StackClients(local.endpoints())) {
                    kill = new Round(clients, local::kill, new Random(plan.seed() * 31 + i), log).run(batch, stored::add, planned);
                }
                pending.removeAll(stored);
                long restart = System.nanoTime();
                log.info("chaos: kill %d/%d (aimed at %s, %s); %d files left to drop; restarting on %s", i + 1, plan.kills().size(),
                        planned.phase().label(), kill.observed() ? "seen" : "not seen", pending.size(), dataDir);
                local = launcher.start();
                kills.add(kill.withRestart((System.nanoTime() - restart) / 1e9));
            }
            return finish(local, pending, stored, expected, selected, kills);
        } finally {
            local.stop(Duration.ofSeconds(60));
        }
    }

    private CampaignResult finish(LocalProcess local, List<InputFile> pending, Set<InputFile> stored, List<ExpectedFile> expected,
                                  Set<String> selected, List<KillRecord> kills) throws IOException, InterruptedException {
        try (StackClients clients = new StackClients(local.endpoints())) {
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > FINAL_UPLOAD_TRIES) {
                    throw new IOException("could not drop " + pending.size() + " files into the running system, e.g. "
                            + pending.get(0).key() + "; see " + local.log());
                }
                new Round(clients, local::kill, new Random(plan.seed() * 31 - attempt), log).run(List.copyOf(pending), stored::add, null);
                pending.removeAll(stored);
            }
            long quietStart = System.nanoTime();
            boolean quiet = Quiescence.await(clients.state(), expected, QUIET_BASE.plusSeconds(plan.files().size()), log);
            double quietSeconds = (System.nanoTime() - quietStart) / 1e9;
            // A last extract: whatever a crash left unpublished must be published now, and nothing twice.
            LambdaInvoker.Result last = new ExtractRuns(clients.lambda()).run(Duration.ofMinutes(2));
            if (!last.ok()) {
                log.warn("chaos: the last extract answered %d: %s", last.status(), last.body());
            }
            log.info("chaos: %s after %.0f s; reading everything back", quiet ? "quiet" : "NOT quiet", quietSeconds);
            InvariantReport report = Invariants.check(Snapshot.read(clients.world()), expected, selected);
            return new CampaignResult(plan, kills, quiet, quietSeconds, report, dataDir, work);
        }
    }

    private long remainingUploadKills(int from) {
        return plan.kills().subList(from, plan.kills().size()).stream().filter(k -> k.phase() == Phase.UPLOAD).count();
    }

    /**
     * The files of a round: an even share of what is left. A round whose kill is aimed at an upload starts with a
     * large file (a multipart upload to cut); other rounds leave as many large files as upload kills remain.
     */
    static List<InputFile> batch(List<InputFile> pending, int roundsLeft, ChaosPlan.PlannedKill planned, long uploadKillsLeft) {
        List<InputFile> large = pending.stream().filter(f -> f.kind() == InputFile.Kind.LARGE).toList();
        boolean aimAtUpload = planned != null && planned.phase() == Phase.UPLOAD;
        long reserved = Math.min(large.size(), uploadKillsLeft - (aimAtUpload ? 1 : 0));
        List<InputFile> candidates = new ArrayList<>(pending);
        candidates.removeAll(large.subList(large.size() - (int) Math.max(0, reserved), large.size()));
        int share = (pending.size() + roundsLeft - 1) / roundsLeft;
        List<InputFile> batch = new ArrayList<>();
        if (aimAtUpload && !large.isEmpty()) {
            batch.add(large.get(0));
            candidates.remove(large.get(0));
        }
        for (InputFile file : candidates) {
            if (batch.size() >= share) {
                break;
            }
            batch.add(file);
        }
        return batch;
    }
}
