package com.productflow.extract.publish;

import com.productflow.common.ProductflowException;
import com.productflow.common.concurrent.Handoff;
import com.productflow.common.concurrent.Threads;
import java.util.function.LongConsumer;

/**
 * Hands records from the thread that reads the database to a thread of its own that calls
 * {@link Publisher#send}: reading a row (SQLite building its JSON) and sending it (the producer
 * appending and compressing it into a batch) each take about one core per record, so the extract
 * runs at the speed of the slower of the two instead of their sum.
 *
 * <p>Records go over in order, in batches, through a {@link Handoff} (a few MB at most in flight).
 * {@link #drain()} returns once every record handed so far went to the producer (or was skipped
 * because the publisher already failed), so counts read after it are whole. Whatever the sending
 * thread fails with (other than a producer error, which the publisher counts) stops both hand-offs
 * and is rethrown on the reading thread by the next {@link #send} or {@link #drain()}.
 */
final class SendingThread implements AutoCloseable {
    private static final int BATCH = 512;
    private static final int QUEUED_BATCHES = 8;

    /** Records in file order; after one with {@code drain} set, the sending thread answers on {@link #drained}. */
    private record Batch(byte[][] keys, byte[][] values, int size, boolean drain) {}

    private final Publisher publisher;
    private final LongConsumer progress;
    private final Handoff<Batch> batches = new Handoff<>(QUEUED_BATCHES);
    private final Handoff<Boolean> drained = new Handoff<>(1);
    private final Thread thread;
    private byte[][] keys = new byte[BATCH][];
    private byte[][] values = new byte[BATCH][];
    private int size;

    /** @param progress called on the sending thread with {@link Publisher#sent()} after each record */
    SendingThread(Publisher publisher, LongConsumer progress) {
        this.publisher = publisher;
        this.progress = progress;
        this.thread = Threads.start("productflow-kafka-send", this::run);
    }

    /** Queues one record; blocks while the queue is full. */
    void send(byte[] key, byte[] value) {
        keys[size] = key;
        values[size] = value;
        if (++size == BATCH) {
            hand(false);
        }
    }

    /** Blocks until every record queued so far was handed to the producer (or skipped after a failure). */
    void drain() {
        hand(true);
        try {
            if (drained.take() == null) {
                rethrowFailure();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProductflowException("interrupted while waiting for records to be sent", e);
        }
    }

    private void hand(boolean drain) {
        Batch batch = new Batch(keys, values, size, drain);
        keys = new byte[BATCH][];
        values = new byte[BATCH][];
        size = 0;
        try {
            if (!batches.put(batch)) {
                rethrowFailure();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProductflowException("interrupted while handing records to the sending thread", e);
        }
    }

    private void rethrowFailure() {
        Throwable t = batches.failure();
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new ProductflowException("sending to Kafka failed: " + t, t);
        }
        throw new IllegalStateException("the sending thread has stopped");
    }

    private void run() {
        try {
            Batch batch;
            while ((batch = batches.take()) != null) {
                for (int i = 0; i < batch.size() && !batches.stopped(); i++) {
                    // After the first failure the run has failed: skip the rest (counted as failed by the caller).
                    if (publisher.healthy()) {
                        publisher.send(batch.keys()[i], batch.values()[i]);
                        progress.accept(publisher.sent());
                    }
                }
                if (batch.drain()) {
                    drained.put(Boolean.TRUE);
                }
            }
        } catch (Throwable t) {
            batches.stop(t);
        } finally {
            drained.stop(null);
        }
    }

    /** Stops the thread: records still queued are dropped (the caller only closes after draining, or on failure). */
    @Override
    public void close() {
        batches.stop(null);
        drained.stop(null);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
