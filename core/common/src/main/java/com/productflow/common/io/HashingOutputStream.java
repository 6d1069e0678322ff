package com.productflow.common.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Counts and SHA-256-hashes every byte written through it. */
public final class HashingOutputStream extends FilterOutputStream {
    private final MessageDigest digest = Sha256.newDigest();
    private long count;

    public HashingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        out.write(buffer, offset, length);
        digest.update(buffer, offset, length);
        count += length;
    }

    /** Bytes written so far. */
    public long count() {
        return count;
    }

    /** Hex SHA-256 of the bytes written so far; call once, at the end. */
    public String sha256() {
        return Sha256.hex(digest);
    }
}
