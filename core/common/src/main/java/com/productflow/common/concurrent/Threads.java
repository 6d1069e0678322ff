package com.productflow.common.concurrent;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The helper threads of a pipeline: named (they show up in thread dumps and CPU samples by name)
 * and daemons, so a helper left behind by a failure never keeps the JVM alive.
 */
public final class Threads {
    private Threads() {}

    /** Starts {@code task} on a daemon thread of its own. */
    public static Thread start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * A pool of {@code size} daemon threads named {@code name} (one thread) or {@code name-1},
     * {@code name-2}, ... Tasks run in submission order when {@code size} is 1.
     */
    public static ExecutorService pool(String name, int size) {
        AtomicInteger number = new AtomicInteger();
        return Executors.newFixedThreadPool(size, task -> {
            Thread thread = new Thread(task, size == 1 ? name : name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One daemon thread named {@code name} that runs tasks at fixed delays. */
    public static ScheduledExecutorService timer(String name) {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Drops the tasks not started, interrupts the running ones and waits (at most {@code wait}) for them to end. */
    public static void stop(ExecutorService pool, Duration wait) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
