package com.productflow.parquet;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Writes rows into the Parquet writer on a thread of its own while the calling thread parses: on
 * the 2-vCPU machines we run on, parsing JSON and encoding columns each take about half the time,
 * so doing them side by side nearly halves the conversion. Rows travel in batches through a small
 * bounded queue (memory: {@link #QUEUED} batches of {@link #BATCH} rows). {@link #finish()} writes
 * the footer; {@link #close()} without it stops the thread and leaves the file incomplete (the
 * caller discards it).
 */
final class WriterThread implements AutoCloseable {
    static final int BATCH = 512;
    static final int QUEUED = 4;

    private record Batch(Row[] rows, int size) {}

    private static final Batch END = new Batch(new Row[0], 0);

    private final ParquetWriter<Row> writer;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Thread thread;
    private volatile Throwable failure;
    private Row[] batch = new Row[BATCH];
    private int size;
    private boolean finished;

    WriterThread(ParquetWriter<Row> writer, String name) {
        this.writer = writer;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    void add(Row row) throws IOException {
        batch[size++] = row;
        if (size == BATCH) {
            put(new Batch(batch, size));
            batch = new Row[BATCH];
            size = 0;
        }
    }

    /** Hands over the last rows, waits for them, the last row group and the footer to be written. */
    void finish() throws IOException {
        if (size > 0) {
            put(new Batch(batch, size));
        }
        put(END);
        finished = true;
        join();
        rethrow();
    }

    private void run() {
        try {
            while (true) {
                Batch b = queue.take();
                if (b == END) {
                    writer.close();
                    return;
                }
                for (int i = 0; i < b.size; i++) {
                    writer.write(b.rows[i]);
                }
            }
        } catch (InterruptedException e) {
            // abandoned: the file is discarded
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void put(Batch b) throws IOException {
        try {
            while (!queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
                rethrow();
                if (!thread.isAlive()) {
                    throw new IOException("Parquet writer thread ended unexpectedly");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing rows to the Parquet writer");
        }
    }

    private void rethrow() throws IOException {
        Throwable t = failure;
        if (t == null) {
            return;
        }
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof UncheckedIOException u) {
            throw u.getCause();
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IOException(t);
    }

    private void join() throws IOException {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the Parquet writer");
        }
    }

    /** After a failure: stops the thread (no footer is written). */
    @Override
    public void close() throws IOException {
        if (!finished) {
            thread.interrupt();
            join();
        }
    }
}
