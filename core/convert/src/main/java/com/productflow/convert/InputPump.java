package com.productflow.convert;

import com.productflow.common.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads the raw input on a helper thread in large chunks and hashes it there, handing the chunks to
 * the parsing thread through a small bounded queue. The parser then spends its time parsing: no
 * read system calls (Jackson asks for 8 KB at a time) and no SHA-256. Memory: {@link #POOL} chunks.
 */
final class InputPump implements AutoCloseable {
    static final int CHUNK = 1 << 18;
    private static final int POOL = 4;

    private record Chunk(byte[] data, int length, IOException failure) {}

    private static final Chunk END = new Chunk(null, 0, null);

    private final InputStream raw;
    private final BlockingQueue<Chunk> ready = new ArrayBlockingQueue<>(POOL + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(POOL);
    private final MessageDigest digest = Sha256.newDigest();
    private final Thread helper;
    private volatile boolean closed;
    private long consumed;

    InputPump(InputStream raw) {
        this.raw = raw;
        for (int i = 0; i < POOL; i++) {
            free.add(new byte[CHUNK]);
        }
        helper = new Thread(this::pump, "productflow-convert-read");
        helper.setDaemon(true);
        helper.start();
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
                        free.offer(current.data());
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
            return ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the input");
        }
    }

    private void pump() {
        try {
            while (!closed) {
                byte[] buffer = free.take();
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
                    ready.put(new Chunk(null, 0, e));
                    return;
                }
                if (n > 0) {
                    digest.update(buffer, 0, n);
                    ready.put(new Chunk(buffer, n, null));
                }
                if (n < buffer.length) {
                    ready.put(END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            // close(): nobody needs the rest
        } catch (RuntimeException | Error e) {
            ready.offer(new Chunk(null, 0, new IOException("reading the input failed: " + e, e)));
        }
    }

    /** Stops the helper if the parser gave up early; waits briefly for it. */
    @Override
    public void close() {
        closed = true;
        helper.interrupt();
        ready.clear();
        try {
            helper.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
