package com.productflow.convert;

import com.productflow.common.concurrent.Threads;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * The raw input read and hashed (SHA-256) on a helper thread, in large chunks, for another converter
 * in another module (the Parquet one): the same {@link InputPump} the XML converter uses, so the
 * parsing thread neither waits on reads nor spends its time hashing. Close it when done (stops the
 * helper). Single consumer.
 */
public final class ReadAhead implements AutoCloseable {
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private final ExecutorService io;
    private final InputPump pump;
    private final InputStream stream;

    public ReadAhead(InputStream raw, String threadName) {
        this.io = Threads.pool(threadName, 1);
        this.pump = new InputPump(raw, io);
        this.stream = pump.stream();
    }

    /** The input, as the parsing thread reads it (always the same stream). */
    public InputStream stream() {
        return stream;
    }

    /** Bytes handed out so far (all of them once {@link #stream()} returned -1). */
    public long bytesIn() {
        return pump.bytesIn();
    }

    /** Hex SHA-256 of every byte; only after the stream reached its end. */
    public String sha256() {
        return pump.sha256();
    }

    @Override
    public void close() throws IOException {
        try {
            pump.close();
        } finally {
            Threads.stop(io, STOP_WAIT);
        }
    }
}
