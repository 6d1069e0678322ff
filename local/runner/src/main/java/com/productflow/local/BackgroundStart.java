package com.productflow.local;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** Starting a slow server on its own thread while others start, and stopping it whatever became of the start. */
final class BackgroundStart {
    private BackgroundStart() {}

    static <T> CompletableFuture<T> begin(String name, Supplier<T> task) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                future.complete(task.get());
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        }, "start-" + name);
        starter.setDaemon(true);
        starter.start();
        return future;
    }

    /** The started server, or the start's own failure. */
    static <T> T await(CompletableFuture<T> starting) {
        try {
            return starting.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Closes the server once its start has ended; a failed start left nothing to close. */
    static AutoCloseable closer(CompletableFuture<? extends AutoCloseable> starting) {
        return () -> {
            AutoCloseable server;
            try {
                server = starting.join();
            } catch (CompletionException failed) {
                return;
            }
            server.close();
        };
    }
}
