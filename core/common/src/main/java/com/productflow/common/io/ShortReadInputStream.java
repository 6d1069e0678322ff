package com.productflow.common.io;

import java.io.InputStream;

/**
 * Bytes in memory, handed out at most {@code maxRead} a read, as a network stream's reads are short: code fed by it
 * takes the paths a socket or an S3 body makes it take, which a {@link java.io.ByteArrayInputStream} (filling every
 * read it can) never exercises.
 */
public final class ShortReadInputStream extends InputStream {
    private final byte[] bytes;
    private final int maxRead;
    private int pos;

    public ShortReadInputStream(byte[] bytes, int maxRead) {
        if (maxRead < 1) {
            throw new IllegalArgumentException("maxRead must be at least 1, got " + maxRead);
        }
        this.bytes = bytes;
        this.maxRead = maxRead;
    }

    @Override
    public int read() {
        return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (pos == bytes.length) {
            return -1;
        }
        int n = Math.min(Math.min(len, maxRead), bytes.length - pos);
        System.arraycopy(bytes, pos, b, off, n);
        pos += n;
        return n;
    }
}
