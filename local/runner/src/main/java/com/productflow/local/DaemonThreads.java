package com.productflow.local;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The local system's background workers (bucket watcher, ingest dispatch, execution monitor): named
 * daemon threads, so a forgotten worker never keeps the JVM alive, and one way to stop them.
 */
final class DaemonThreads {
    private DaemonThreads() {}

    static ThreadFactory named(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Interrupts what is running and waits (bounded) until it has stopped. */
    static void stop(ExecutorService executor) {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
