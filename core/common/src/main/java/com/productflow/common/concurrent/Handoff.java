package com.productflow.common.concurrent;

import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one way productflow's pipelines of threads pass work to each other: a bounded queue that
 * either side can {@link #stop}, with the reason. A thread waiting on a stopped hand-off wakes at
 * once ({@link #put} returns false, {@link #take} null) and reads {@link #failure()} to rethrow
 * the other side's failure in its own terms. Nothing polls: a failure on one side is seen on the
 * other without delay, and no thread is left blocked on a queue nobody serves.
 *
 * <p>Used both ways between two threads: forward for the work (records, chunks, requests) and back
 * for what is recycled (free buffers), which also bounds the memory in flight.
 */
public final class Handoff<T> {
    private final Object[] items;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private int head;
    private int count;
    // Written under the lock, read without it: the pipelines check them once per record.
    private volatile boolean stopped;
    private volatile Throwable failure;

    public Handoff(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        items = new Object[capacity];
    }

    /** Hands {@code item} over, waiting while the hand-off is full; false (not handed) once stopped. */
    public boolean put(T item) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (count == items.length && !stopped) {
                notFull.await();
            }
            return enqueue(item);
        } finally {
            lock.unlock();
        }
    }

    /** Hands {@code item} over without waiting; false (not handed) when full or stopped. */
    public boolean offer(T item) {
        lock.lock();
        try {
            return count < items.length && enqueue(item);
        } finally {
            lock.unlock();
        }
    }

    /** The next item, waiting while there is none; null once stopped. */
    public T take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (count == 0 && !stopped) {
                notEmpty.await();
            }
            return dequeue();
        } finally {
            lock.unlock();
        }
    }

    /** The next item if one is ready, else null (also once stopped). */
    public T poll() {
        lock.lock();
        try {
            return count == 0 ? null : dequeue();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the hand-off for both sides: what is queued is dropped and every waiting thread wakes.
     * {@code cause} is the failure that ended it (null when a side simply gave up); the first one
     * given is kept. Idempotent.
     */
    public void stop(Throwable cause) {
        lock.lock();
        try {
            if (failure == null) {
                failure = cause;
            }
            if (!stopped) {
                stopped = true;
                Arrays.fill(items, null);
                count = 0;
                notEmpty.signalAll();
                notFull.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    public boolean stopped() {
        return stopped;
    }

    /** What the hand-off was stopped with, or null (running, or stopped without a failure). */
    public Throwable failure() {
        return failure;
    }

    private boolean enqueue(T item) {
        if (stopped) {
            return false;
        }
        items[(head + count) % items.length] = item;
        count++;
        notEmpty.signal();
        return true;
    }

    @SuppressWarnings("unchecked")
    private T dequeue() {
        if (stopped) {
            return null;
        }
        T item = (T) items[head];
        items[head] = null;
        head = (head + 1) % items.length;
        count--;
        notFull.signal();
        return item;
    }
}
