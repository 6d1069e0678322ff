package com.productflow.extract.publish;

import com.productflow.common.ProductflowException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Hands records from the thread that reads the database to a thread of its own that calls
 * {@link Publisher#send}: reading a row (SQLite building its JSON) and sending it (the producer
 * appending and compressing it into a batch) each take about one core per record, so the extract
 * runs at the speed of the slower of the two instead of their sum.
 *
 * <p>Records go over in order, in batches, through a bounded queue (a few MB at most in flight).
 * {@link #drain()} returns once every record handed so far went to the producer (or was skipped
 * because the publisher already failed), so counts read after it are whole. Whatever the sending
 * thread fails with (other than a producer error, which the publisher counts) is rethrown on the
 * reading thread by the next {@link #send} or {@link #drain()}.
 */
final class SendingThread implements AutoCloseable {
    private static final int BATCH = 512;
    private static final int QUEUED_BATCHES = 8;
    private static final Batch END = new Batch(new byte[0][], new byte[0][], 0, null);

    /** Records in file order; {@code drained}, when set, is counted down once all before it were sent. */
    private record Batch(byte[][] keys, byte[][] values, int size, CountDownLatch drained) {}

    private final Publisher publisher;
    private final LongConsumer progress;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final Thread thread;
    private byte[][] keys = new byte[BATCH][];
    private byte[][] values = new byte[BATCH][];
    private int size;
    private volatile Throwable failure;
    private volatile boolean closed;

    /** @param progress called on the sending thread with {@link Publisher#sent()} after each record */
    SendingThread(Publisher publisher, LongConsumer progress) {
        this.publisher = publisher;
        this.progress = progress;
        this.thread = new Thread(this::run, "productflow-kafka-send");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues one record; blocks while the queue is full. */
    void send(byte[] key, byte[] value) {
        keys[size] = key;
        values[size] = value;
        if (++size == BATCH) {
            hand(new Batch(keys, values, size, null));
            keys = new byte[BATCH][];
            values = new byte[BATCH][];
            size = 0;
        }
    }

    /** Blocks until every record queued so far was handed to the producer (or skipped after a failure). */
    void drain() {
        CountDownLatch drained = new CountDownLatch(1);
        hand(new Batch(keys, values, size, drained));
        keys = new byte[BATCH][];
        values = new byte[BATCH][];
        size = 0;
        try {
            while (!drained.await(100, TimeUnit.MILLISECONDS)) {
                rethrowFailure();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProductflowException("interrupted while waiting for records to be sent", e);
        }
        rethrowFailure();
    }

    private void hand(Batch batch) {
        try {
            while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                rethrowFailure();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProductflowException("interrupted while handing records to the sending thread", e);
        }
    }

    private void rethrowFailure() {
        Throwable t = failure;
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new ProductflowException("sending to Kafka failed: " + t, t);
        }
        if (!thread.isAlive()) {
            throw new IllegalStateException("the sending thread has stopped");
        }
    }

    private void run() {
        try {
            while (true) {
                Batch batch = queue.take();
                if (batch == END) {
                    return;
                }
                for (int i = 0; i < batch.size() && !closed; i++) {
                    // After the first failure the run has failed: skip the rest (counted as failed by the caller).
                    if (publisher.healthy()) {
                        publisher.send(batch.keys()[i], batch.values()[i]);
                        progress.accept(publisher.sent());
                    }
                }
                if (batch.drained() != null) {
                    batch.drained().countDown();
                }
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    /** Stops the thread: records still queued are dropped (the caller only closes after draining, or on failure). */
    @Override
    public void close() {
        closed = true;
        queue.clear();
        try {
            while (thread.isAlive() && !queue.offer(END, 100, TimeUnit.MILLISECONDS)) {
                queue.clear();
            }
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
