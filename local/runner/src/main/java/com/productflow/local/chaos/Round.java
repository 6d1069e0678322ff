package com.productflow.local.chaos;

import com.productflow.local.LocalLog;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One round of a campaign on one start of the system: upload a batch of files (one after the other, short random
 * gaps) and run an extract at a random moment, while the round's kill, once armed, waits for its phase and kills
 * the whole system (SIGKILL to every process) when it sees it, or when its wait runs out. A round without a kill
 * (the last) runs its uploads and its extract to the end.
 */
final class Round {
    /** How long an armed kill waits for its phase before it strikes anyway. */
    static final Duration PHASE_WAIT = Duration.ofSeconds(30);
    private static final Duration JOIN = Duration.ofSeconds(90);
    private static final long POLL_MILLIS = 10;

    private final StackClients clients;
    private final Runnable kill;
    private final LocalLog log;
    private final Random random;
    private final AtomicBoolean killed = new AtomicBoolean();
    /** Counted down when the round's first file is stored (or it has none): its kill is armed only then. */
    private final CountDownLatch firstStored = new CountDownLatch(1);
    private volatile boolean uploadObserved;

    /** {@code kill} kills the system (the round makes sure it is called at most once). */
    Round(StackClients clients, Runnable kill, Random random, LocalLog log) {
        this.clients = clients;
        this.kill = kill;
        this.random = random;
        this.log = log;
    }

    /**
     * Runs the round: {@code uploaded} hears of each file stored; {@code planned} is the round's kill, null for none.
     * Returns what the kill did (null without one).
     */
    KillRecord run(List<InputFile> batch, Consumer<InputFile> uploaded, ChaosPlan.PlannedKill planned) throws InterruptedException {
        boolean aimAtUpload = planned != null && planned.phase() == Phase.UPLOAD;
        Uploader uploader = new Uploader(clients.s3(), clients.s3Settings().transfer(), clients.endpoints().inputBucket(), () -> {
            if (aimAtUpload) {
                uploadObserved = true;
                killOnce();
            }
        });
        ExtractRuns extract = new ExtractRuns(clients.lambda());
        long extractDelay = random.nextInt(1_500);
        long[] gaps = random.longs(batch.size(), 0, 60).toArray();
        // An upload kill is armed by the upload itself, an extract kill by the extract's invocation.
        if (batch.isEmpty() || aimAtUpload || planned != null && planned.phase() == Phase.EXTRACT) {
            firstStored.countDown();
        }
        Thread uploads = started("chaos-upload", () -> uploadAll(uploader, batch, gaps, uploaded));
        Thread extracts = started("chaos-extract", () -> extractOnce(extract, extractDelay));
        if (planned == null) {
            uploads.join();
            extracts.join();
            return null;
        }
        boolean observed = awaitPhase(planned, new PhaseProbe(clients, extract));
        uploads.join(JOIN.toMillis());
        extracts.join(JOIN.toMillis());
        return new KillRecord(planned.phase(), observed, 0);
    }

    /**
     * Once the round's first file is stored (so every round drops files: what the last start left running would
     * otherwise be seen at once, round after round), waits the kill's delay, then for its phase (at most
     * {@link #PHASE_WAIT}), and kills; true when the phase was seen.
     */
    private boolean awaitPhase(ChaosPlan.PlannedKill planned, PhaseProbe probe) throws InterruptedException {
        firstStored.await(PHASE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Thread.sleep(planned.delay().toMillis());
        long deadline = System.nanoTime() + PHASE_WAIT.toNanos();
        while (!killed.get()) {
            if (observedSafely(probe, planned.phase())) {
                killOnce();
                return true;
            }
            if (System.nanoTime() > deadline) {
                log.info("chaos: %s not seen within %s; killing now", planned.phase().label(), PHASE_WAIT);
                killOnce();
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return uploadObserved;
    }

    private boolean observedSafely(PhaseProbe probe, Phase phase) {
        try {
            return probe.observed(phase);
        } catch (RuntimeException e) {
            return false; // a busy server is not a phase; asked again in a moment
        }
    }

    private static Thread started(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void killOnce() {
        if (killed.compareAndSet(false, true)) {
            kill.run();
        }
    }

    private void uploadAll(Uploader uploader, List<InputFile> batch, long[] gaps, Consumer<InputFile> uploaded) {
        for (int i = 0; i < batch.size() && !killed.get(); i++) {
            InputFile file = batch.get(i);
            try {
                uploader.upload(file);
                uploaded.accept(file);
                firstStored.countDown();
                Thread.sleep(gaps[i]);
            } catch (Exception e) {
                if (!killed.get()) {
                    log.warn("chaos: uploading %s failed (uploaded again later): %s", file.key(), e.getMessage());
                }
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                firstStored.countDown();
                return;
            }
        }
    }

    private void extractOnce(ExtractRuns extract, long delayMillis) {
        try {
            Thread.sleep(delayMillis);
            if (!killed.get()) {
                var result = extract.run(PHASE_WAIT);
                if (!result.ok() && !killed.get()) {
                    log.info("chaos: the extract answered %d: %s", result.status(), result.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!killed.get()) {
                log.warn("chaos: the extract could not be invoked: %s", e.getMessage());
            }
        }
    }
}
