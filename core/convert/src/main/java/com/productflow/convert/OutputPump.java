package com.productflow.convert;

import com.productflow.common.io.Sha256;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Hashes and writes the XML on a helper thread ({@link IoThread}): {@link XmlOutput} hands over each
 * full buffer as a task and continues in a free one (no copy). Back-pressure comes from the fixed
 * pool of {@link #POOL} buffers. A write failure is rethrown on the parsing thread at its next
 * hand-over or at {@link #finish()}.
 */
final class OutputPump implements XmlOutput.Sink, AutoCloseable {
    static final int BUFFER = 1 << 18;
    private static final int POOL = 4;

    private final OutputStream out;
    private final IoThread io;
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(POOL);
    private final MessageDigest digest = Sha256.newDigest();
    private volatile Throwable failure;
    /** Set when the conversion failed: queued buffers are recycled, not written. */
    private volatile boolean discard;
    private long bytesOut;
    private boolean finished;

    OutputPump(OutputStream out, IoThread io) {
        this.out = out;
        this.io = io;
        for (int i = 0; i < POOL; i++) {
            free.add(new byte[BUFFER]);
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
        io.submit(() -> write(data, length));
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
        CountDownLatch done = new CountDownLatch(1);
        io.submit(() -> {
            if (failure == null) {
                try {
                    out.flush();
                } catch (Throwable t) {
                    failure = t;
                }
            }
            done.countDown();
        });
        finished = true;
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while finishing the output");
        }
        checkFailure();
    }

    /** After a failure on the parsing side: queued buffers are not written (the {@link IoThread} is closed by the caller). */
    @Override
    public void close() {
        if (!finished) {
            discard = true;
        }
    }

    private byte[] takeFree() throws IOException {
        try {
            byte[] b;
            while ((b = free.poll(100, TimeUnit.MILLISECONDS)) == null) {
                checkFailure();
            }
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the output");
        }
    }

    private void checkFailure() throws IOException {
        Throwable t = failure;
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

    /** Helper task: write and hash one buffer, then recycle it; after a failure only recycle. */
    private void write(byte[] data, int length) {
        if (failure == null && !discard) {
            try {
                out.write(data, 0, length);
                digest.update(data, 0, length);
            } catch (Throwable t) {
                failure = t;
            }
        }
        free.add(data);
    }
}
