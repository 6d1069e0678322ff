package com.productflow.convert;

import com.productflow.common.concurrent.Handoff;
import com.productflow.common.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.Executor;

/**
 * Reads the raw input on a helper thread (the {@code io} executor) in large chunks and hashes it there,
 * handing the chunks to the parsing thread through a {@link Handoff}. The parser then spends its
 * time parsing: no read system calls (Jackson asks for 8 KB at a time) and no SHA-256. Each chunk the
 * parser has used up goes back to the helper as a task to fill it again. Memory: {@link #POOL} chunks.
 */
final class InputPump implements AutoCloseable {
    static final int CHUNK = 1 << 18;
    private static final int POOL = 4;

    private record Chunk(byte[] data, int length, IOException failure) {}

    private static final Chunk END = new Chunk(null, 0, null);

    private final InputStream raw;
    private final Executor io;
    private final Handoff<Chunk> ready = new Handoff<>(POOL + 1);
    private final MessageDigest digest = Sha256.newDigest();
    /** Set once the raw stream ended or failed; touched only by the helper. */
    private boolean rawEnded;
    private long consumed;

    InputPump(InputStream raw, Executor io) {
        this.raw = raw;
        this.io = io;
        for (int i = 0; i < POOL; i++) {
            byte[] chunk = new byte[CHUNK];
            io.execute(() -> fill(chunk));
        }
    }

    /** Bytes handed to the parser so far (all of them once {@link #stream()} returned -1). */
    long bytesIn() {
        return consumed;
    }

    /** Hex SHA-256 of every byte; only after the stream reached its end. */
    String sha256() {
        return Sha256.hex(digest);
    }

    /** The input as the parsing thread sees it. Single consumer; not thread-safe. */
    InputStream stream() {
        return new InputStream() {
            private Chunk current;
            private int pos;
            private boolean ended;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                while (current == null || pos == current.length()) {
                    if (ended) {
                        return -1;
                    }
                    if (current != null) {
                        byte[] used = current.data();
                        io.execute(() -> fill(used));
                        current = null;
                    }
                    Chunk next = take();
                    if (next == END) {
                        ended = true;
                        return -1;
                    }
                    if (next.failure() != null) {
                        ended = true;
                        throw next.failure();
                    }
                    current = next;
                    pos = 0;
                }
                int n = Math.min(len, current.length() - pos);
                System.arraycopy(current.data(), pos, b, off, n);
                pos += n;
                consumed += n;
                return n;
            }
        };
    }

    private Chunk take() throws IOException {
        try {
            Chunk next = ready.take();
            if (next == null) {
                throw new IOException("the input was closed");
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the input");
        }
    }

    /** Helper task: fills {@code buffer} from the raw stream (to its end if shorter), hashes it, queues it. */
    private void fill(byte[] buffer) {
        if (ready.stopped() || rawEnded) {
            return;
        }
        int n = 0;
        try {
            while (n < buffer.length) {
                int r = raw.read(buffer, n, buffer.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (IOException e) {
            rawEnded = true;
            ready.offer(new Chunk(null, 0, e));
            return;
        } catch (RuntimeException | Error e) {
            rawEnded = true;
            ready.offer(new Chunk(null, 0, new IOException("reading the input failed: " + e, e)));
            return;
        }
        if (n > 0) {
            digest.update(buffer, 0, n);
            ready.offer(new Chunk(buffer, n, null));
        }
        if (n < buffer.length) {
            rawEnded = true;
            ready.offer(END);
        }
    }

    /** The parser gave up early: the helper stops filling (the executor is stopped by the caller). */
    @Override
    public void close() {
        ready.stop(null);
    }
}
