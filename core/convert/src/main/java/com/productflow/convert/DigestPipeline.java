package com.productflow.convert;

import com.productflow.common.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Takes the checksum work off the parsing thread: one helper thread, started and joined within a
 * single conversion, hashes the raw input chunks and hashes and writes the output buffers, in order.
 * SHA-256 of input and output together cost about as much CPU as parsing, so on two or more cores
 * this nearly doubles throughput. Memory is bounded by a small pool of fixed-size buffers that
 * circulate between the two threads (back-pressure: the parser waits when the writer is behind).
 *
 * <p>The parsing thread owns the counters; the helper owns the digests and the output stream until
 * {@link #finish()} joins it.
 */
final class DigestPipeline implements XmlOutput.Sink, AutoCloseable {
    static final int CHUNK = 1 << 18;
    private static final int POOL = 8;
    private static final Task POISON = new Task(null, 0, false);

    private record Task(byte[] data, int length, boolean output) {}

    private final BlockingQueue<Task> work = new ArrayBlockingQueue<>(POOL + 2);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(POOL);
    private final MessageDigest inputDigest = Sha256.newDigest();
    private final MessageDigest outputDigest = Sha256.newDigest();
    private final OutputStream out;
    private final Thread helper;
    private volatile Throwable failure;
    private int allocated;
    private long bytesIn;
    private long bytesOut;
    private byte[] inputChunk;
    private int inputLength;
    private boolean finished;

    DigestPipeline(OutputStream out) {
        this.out = out;
        this.helper = new Thread(this::work, "productflow-convert-digest");
        helper.setDaemon(true);
        helper.start();
    }

    /** The raw input, counted and (on the helper thread) hashed as it is read. */
    InputStream input(InputStream raw) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = raw.read(b, off, len);
                if (n > 0) {
                    hashInput(b, off, n);
                }
                return n;
            }
        };
    }

    private void hashInput(byte[] b, int off, int n) throws IOException {
        bytesIn += n;
        while (n > 0) {
            if (inputChunk == null) {
                inputChunk = take();
                inputLength = 0;
            }
            int c = Math.min(n, inputChunk.length - inputLength);
            System.arraycopy(b, off, inputChunk, inputLength, c);
            inputLength += c;
            off += c;
            n -= c;
            if (inputLength == inputChunk.length) {
                submit(new Task(inputChunk, inputLength, false));
                inputChunk = null;
            }
        }
    }

    /** A fresh buffer for the XML writer. */
    byte[] firstBuffer() throws IOException {
        return take();
    }

    @Override
    public byte[] swap(byte[] full, int length) throws IOException {
        if (length == 0) {
            return full;
        }
        bytesOut += length;
        submit(new Task(full, length, true));
        return take();
    }

    long bytesIn() {
        return bytesIn;
    }

    long bytesOut() {
        return bytesOut;
    }

    /** Hands over the last input bytes, waits for the helper, and rethrows its failure if any. */
    void finish() throws IOException {
        if (inputChunk != null && inputLength > 0) {
            submit(new Task(inputChunk, inputLength, false));
            inputChunk = null;
        }
        submit(POISON);
        finished = true;
        try {
            helper.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while finishing the output");
        }
        checkFailure();
    }

    String inputSha256() {
        return Sha256.hex(inputDigest);
    }

    String outputSha256() {
        return Sha256.hex(outputDigest);
    }

    /** After a failure on the parsing side: stop the helper without waiting for queued work. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        work.clear();
        work.offer(POISON);
        helper.interrupt();
        try {
            helper.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private byte[] take() throws IOException {
        byte[] b = free.poll();
        if (b != null) {
            return b;
        }
        if (allocated < POOL) {
            allocated++;
            return new byte[CHUNK];
        }
        try {
            while ((b = free.poll(100, TimeUnit.MILLISECONDS)) == null) {
                checkFailure();
            }
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the output");
        }
    }

    private void submit(Task task) throws IOException {
        checkFailure();
        try {
            while (!work.offer(task, 100, TimeUnit.MILLISECONDS)) {
                checkFailure();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the output");
        }
    }

    private void checkFailure() throws IOException {
        Throwable t = failure;
        if (t instanceof IOException io) {
            throw new IOException("writing the output failed: " + io.getMessage(), io);
        }
        if (t instanceof UncheckedIOException io) {
            throw io.getCause();
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    /** The helper thread: hash and write in order until the poison task; after a failure, just recycle. */
    private void work() {
        try {
            while (true) {
                Task task = work.take();
                if (task == POISON) {
                    return;
                }
                if (failure == null) {
                    try {
                        if (task.output()) {
                            out.write(task.data(), 0, task.length());
                            outputDigest.update(task.data(), 0, task.length());
                        } else {
                            inputDigest.update(task.data(), 0, task.length());
                        }
                    } catch (Throwable t) {
                        failure = t;
                    }
                }
                free.offer(task.data());
            }
        } catch (InterruptedException e) {
            // close(): the conversion failed and nobody needs the rest
        }
    }
}
