package com.productflow.convert;

import com.productflow.common.io.Sha256;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hashes and writes the XML on a helper thread: {@link XmlOutput} hands over each full buffer and
 * continues in a free one (no copy). Back-pressure comes from the fixed pool of {@link #POOL}
 * buffers. A write failure is rethrown on the parsing thread at its next hand-over or at
 * {@link #finish()}.
 */
final class OutputPump implements XmlOutput.Sink, AutoCloseable {
    static final int BUFFER = 1 << 18;
    private static final int POOL = 4;

    private record Buffer(byte[] data, int length) {}

    private static final Buffer END = new Buffer(null, 0);

    private final OutputStream out;
    private final BlockingQueue<Buffer> full = new ArrayBlockingQueue<>(POOL + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(POOL);
    private final MessageDigest digest = Sha256.newDigest();
    private final Thread helper;
    private volatile Throwable failure;
    private long bytesOut;
    private boolean finished;

    OutputPump(OutputStream out) {
        this.out = out;
        for (int i = 0; i < POOL; i++) {
            free.add(new byte[BUFFER]);
        }
        helper = new Thread(this::pump, "productflow-convert-write");
        helper.setDaemon(true);
        helper.start();
    }

    byte[] firstBuffer() throws IOException {
        return takeFree();
    }

    @Override
    public byte[] swap(byte[] data, int length) throws IOException {
        if (length == 0) {
            return data;
        }
        bytesOut += length;
        put(new Buffer(data, length));
        return takeFree();
    }

    long bytesOut() {
        return bytesOut;
    }

    /** Hex SHA-256 of the output; only after {@link #finish()}. */
    String sha256() {
        return Sha256.hex(digest);
    }

    /** Waits until every buffer is written and rethrows a write failure. */
    void finish() throws IOException {
        put(END);
        finished = true;
        try {
            helper.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while finishing the output");
        }
        checkFailure();
    }

    /** After a failure on the parsing side: stop without writing what is queued. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        full.clear();
        full.offer(END);
        helper.interrupt();
        try {
            helper.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    private void put(Buffer buffer) throws IOException {
        checkFailure();
        try {
            while (!full.offer(buffer, 100, TimeUnit.MILLISECONDS)) {
                checkFailure();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the output");
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

    /** Write and hash in order until END; after a failure only recycle buffers so the parser is not stuck. */
    private void pump() {
        try {
            while (true) {
                Buffer b = full.take();
                if (b == END) {
                    if (failure == null) {
                        try {
                            out.flush();
                        } catch (Throwable t) {
                            failure = t;
                        }
                    }
                    return;
                }
                if (failure == null) {
                    try {
                        out.write(b.data(), 0, b.length());
                        digest.update(b.data(), 0, b.length());
                    } catch (Throwable t) {
                        failure = t;
                    }
                }
                free.offer(b.data());
            }
        } catch (InterruptedException e) {
            // close(): the conversion failed and nobody needs the rest
        }
    }
}
