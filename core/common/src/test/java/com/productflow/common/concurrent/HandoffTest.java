package com.productflow.common.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The hand-off between two threads: order, bound, and a stop that wakes the other side at once. */
class HandoffTest {
    @Test
    void itemsArriveInOrderAcrossThreadsAndTheBoundHolds() throws Exception {
        Handoff<Integer> handoff = new Handoff<>(3);
        List<Integer> received = new ArrayList<>();
        Thread consumer = Threads.start("handoff-test-consumer", () -> {
            try {
                Integer item;
                while ((item = handoff.take()) != -1) {
                    received.add(item);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < 10_000; i++) {
            assertThat(handoff.put(i)).isTrue();
        }
        handoff.put(-1);
        consumer.join(10_000);
        assertThat(received).hasSize(10_000);
        for (int i = 0; i < received.size(); i++) {
            assertThat(received.get(i)).isEqualTo(i);
        }

        Handoff<String> full = new Handoff<>(2);
        assertThat(full.offer("a")).isTrue();
        assertThat(full.offer("b")).isTrue();
        assertThat(full.offer("c")).isFalse();
        assertThat(full.poll()).isEqualTo("a");
        assertThat(full.offer("c")).isTrue();
        assertThat(full.poll()).isEqualTo("b");
        assertThat(full.poll()).isEqualTo("c");
        assertThat(full.poll()).isNull();
    }

    @Test
    void aStopWakesBothSidesAtOnceWithTheFirstFailure() throws Exception {
        Handoff<String> empty = new Handoff<>(1);
        CompletableFuture<String> taker = CompletableFuture.supplyAsync(() -> {
            try {
                return empty.take();
            } catch (InterruptedException e) {
                return "interrupted";
            }
        });
        Handoff<String> full = new Handoff<>(1);
        full.put("queued");
        CompletableFuture<Boolean> putter = CompletableFuture.supplyAsync(() -> {
            try {
                return full.put("more");
            } catch (InterruptedException e) {
                return true;
            }
        });
        Thread.sleep(50);
        assertThat(taker).isNotDone();
        assertThat(putter).isNotDone();

        IOException failure = new IOException("disk full");
        long start = System.nanoTime();
        empty.stop(failure);
        full.stop(null);
        assertThat(taker.get(5, TimeUnit.SECONDS)).isNull();
        assertThat(putter.get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

        empty.stop(new IOException("later"));
        assertThat(empty.failure()).isSameAs(failure);
        assertThat(empty.stopped()).isTrue();
        assertThat(full.failure()).isNull();
        assertThat(full.poll()).as("queued items are dropped by a stop").isNull();
        assertThat(full.offer("x")).isFalse();
        assertThat(new Handoff<String>(1).failure()).isNull();
        assertThatThrownBy(() -> new Handoff<String>(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void poolThreadsAreNamedDaemonsAndStopEndsThem() throws Exception {
        ExecutorService pool = Threads.pool("handoff-test-pool", 2);
        CompletableFuture<Thread> ran = CompletableFuture.supplyAsync(Thread::currentThread, pool);
        Thread thread = ran.get(5, TimeUnit.SECONDS);
        assertThat(thread.getName()).startsWith("handoff-test-pool-");
        assertThat(thread.isDaemon()).isTrue();
        pool.execute(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Threads.stop(pool, Duration.ofSeconds(10));
        assertThat(pool.isTerminated()).isTrue();
        assertThat(Threads.pool("handoff-test-one", 1).submit(Thread::currentThread).get().getName())
                .isEqualTo("handoff-test-one");
    }
}
