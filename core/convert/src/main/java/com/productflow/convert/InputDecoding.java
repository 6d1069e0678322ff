package com.productflow.convert;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Detects gzip by its magic bytes (1f 8b) and decompresses on the fly; anything else passes through.
 * Public for the Parquet converter, which reads the same inputs.
 */
public final class InputDecoding {
    private static final int GZIP_BUFFER = 1 << 16;

    private InputDecoding() {}

    /** Signals that the compressed stream itself is broken (not an I/O failure underneath). */
    public static final class CorruptGzipException extends IOException {
        CorruptGzipException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    public static InputStream open(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 2);
        byte[] magic = new byte[2];
        int n = 0;
        while (n < 2) {
            int r = in.read(magic, n, 2 - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        in.unread(magic, 0, n);
        if (n == 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B) {
            try {
                return new GzipErrors(new GZIPInputStream(in, GZIP_BUFFER));
            } catch (EOFException | ZipException e) {
                throw new CorruptGzipException(e);
            }
        }
        return in;
    }

    /** Turns the inflater's "truncated" and "corrupt" errors into {@link CorruptGzipException}. */
    private static final class GzipErrors extends FilterInputStream {
        GzipErrors(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (EOFException | ZipException e) {
                throw new CorruptGzipException(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (EOFException | ZipException e) {
                throw new CorruptGzipException(e);
            }
        }
    }
}
