package com.productflow.convert;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One helper thread that runs the I/O tasks of {@link InputPump} and/or {@link OutputPump} in the
 * order they were submitted, for the length of one conversion. Both pumps may share one: on 2 cores,
 * the parsing thread plus a single helper never leave a runnable thread waiting for a core, whereas
 * two helpers that are runnable at the same moment take the parsing thread's core (measured: the
 * parsing thread then waited ~0.3 s per 500 MB although the helpers need less CPU than it does).
 * Sharing suits local files, whose reads and writes never block for long; streams over a network
 * (S3) get one each, so a slow read does not hold up writes.
 *
 * <p>The queue is unbounded, but callers bound it: each task recycles one of a pump's fixed buffers.
 */
final class IoThread implements AutoCloseable {
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean stopped;

    IoThread(String name) {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    void submit(Runnable task) {
        tasks.add(task);
    }

    private void run() {
        try {
            while (!stopped) {
                tasks.take().run();
            }
        } catch (InterruptedException e) {
            // close()
        }
    }

    /**
     * Drops tasks not yet started, interrupts a running one (e.g. a read blocked after the parser
     * gave up) and waits briefly for the thread to end. Idempotent. On success every task the
     * conversion depends on has completed by now ({@link OutputPump#finish()} waits for them).
     */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        tasks.clear();
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
