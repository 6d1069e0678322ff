package com.productflow.convert;

import com.productflow.common.concurrent.Handoff;
import com.productflow.common.io.Sha256;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Hashes and writes the XML on a helper thread (the {@code io} executor): {@link XmlOutput} hands
 * over each full buffer as a task and continues in a free one (no copy). The written buffers come
 * back through a {@link Handoff}, whose fixed pool of {@link #POOL} buffers is the back-pressure. A
 * write failure stops it and is rethrown on the parsing thread at its next hand-over or at
 * {@link #finish()}; after {@link #close()} without a finish, queued buffers are not written.
 */
final class OutputPump implements XmlOutput.Sink, AutoCloseable {
    static final int BUFFER = 1 << 18;
    private static final int POOL = 4;

    private final OutputStream out;
    private final ExecutorService io;
    private final Handoff<byte[]> free = new Handoff<>(POOL);
    private final MessageDigest digest = Sha256.newDigest();
    private long bytesOut;
    private boolean finished;

    OutputPump(OutputStream out, ExecutorService io) {
        this.out = out;
        this.io = io;
        for (int i = 0; i < POOL; i++) {
            free.offer(new byte[BUFFER]);
        }
    }

    byte[] firstBuffer() throws IOException {
        return takeFree();
    }

    @Override
    public byte[] swap(byte[] data, int length) throws IOException {
        if (length == 0) {
            return data;
        }
        checkFailure();
        bytesOut += length;
        io.execute(() -> write(data, length));
        return takeFree();
    }

    long bytesOut() {
        return bytesOut;
    }

    /** Hex SHA-256 of the output; only after {@link #finish()}. */
    String sha256() {
        return Sha256.hex(digest);
    }

    /** Waits until every buffer is written and flushed, and rethrows a write failure. */
    void finish() throws IOException {
        checkFailure();
        Future<?> flushed = io.submit(() -> {
            if (!free.stopped()) {
                try {
                    out.flush();
                } catch (Throwable t) {
                    free.stop(t);
                }
            }
        });
        finished = true;
        try {
            flushed.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while finishing the output");
        } catch (ExecutionException e) {
            throw new IllegalStateException("the flush task cannot throw", e);
        }
        checkFailure();
    }

    /** After a failure on the parsing side: queued buffers are not written (the executor is stopped by the caller). */
    @Override
    public void close() {
        if (!finished) {
            free.stop(null);
        }
    }

    private byte[] takeFree() throws IOException {
        try {
            byte[] b = free.take();
            if (b == null) {
                checkFailure();
                throw new IOException("the output was closed");
            }
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the output");
        }
    }

    private void checkFailure() throws IOException {
        Throwable t = free.failure();
        if (t == null) {
            return;
        }
        if (t instanceof IOException io) {
            throw new IOException("writing the output failed: " + io.getMessage(), io);
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        throw (Error) t;
    }

    /** Helper task: write and hash one buffer, then recycle it; after a failure or a close, nothing. */
    private void write(byte[] data, int length) {
        if (free.stopped()) {
            return;
        }
        try {
            out.write(data, 0, length);
            digest.update(data, 0, length);
        } catch (Throwable t) {
            free.stop(t);
        }
        free.offer(data);
    }
}
