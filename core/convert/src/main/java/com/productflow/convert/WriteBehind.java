package com.productflow.convert;

import com.productflow.common.concurrent.Handoff;
import com.productflow.common.concurrent.Threads;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.util.concurrent.TimeUnit;

/**
 * Pushes a file's data to disk in the background while the file is still being written, one
 * {@code fdatasync} per {@code step} bytes, so that the final atomic rename finds nothing left to do.
 * Why: ext4 allocates and starts writing all of a file's delayed-allocation blocks inside a
 * {@code rename()} that replaces an existing file (its {@code auto_da_alloc} safety net), on the
 * converting thread: a large share of the conversion for a big output (bench/RESULTS.md). Data is
 * written no sooner than the kernel would write it anyway (within 30 s), and it also bounds how
 * much dirty page cache one conversion leaves behind.
 *
 * <p>The syncing thread is never interrupted (that would close the channel); {@link #close()} asks
 * it to stop and waits for a running {@code fdatasync}, but skips one not yet started (what is left
 * goes with the rename, or with the caller's own {@code force}). Requests and the stop go through
 * a one-slot {@link Handoff}. A failed sync is rethrown by {@link #close()}: Linux reports a
 * writeback error only once per file, so swallowing it here would hide it from the writer's own close.
 */
final class WriteBehind implements AutoCloseable {
    static final long STEP = 32L << 20;

    private final FileChannel channel;
    private final long step;
    /** Sync requests; one at most is pending, so requests made during a sync fold into the next one. */
    private final Handoff<Boolean> requests = new Handoff<>(1);
    private final Thread thread;

    WriteBehind(FileChannel channel, long step) {
        this.channel = channel;
        this.step = step;
        this.thread = Threads.start("productflow-convert-sync", this::run);
    }

    /** {@code out} (writing to the channel), requesting a sync after every {@link #step} bytes. */
    OutputStream wrap(OutputStream out) {
        return new FilterOutputStream(out) {
            private long sinceSync;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                sinceSync += len;
                if (sinceSync >= step) {
                    sinceSync = 0;
                    requests.offer(Boolean.TRUE);
                }
            }
        };
    }

    private void run() {
        while (true) {
            try {
                if (requests.take() == null) {
                    return;
                }
            } catch (InterruptedException e) {
                continue; // never interrupted on purpose; keep the channel open and carry on
            }
            try {
                channel.force(false);
            } catch (IOException e) {
                requests.stop(e);
                return;
            }
        }
    }

    /** Stops the thread (after a running sync) and rethrows a failed sync. */
    @Override
    public void close() throws IOException {
        requests.stop(null);
        try {
            thread.join(TimeUnit.MINUTES.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the background sync");
        }
        Throwable failure = requests.failure();
        if (failure != null) {
            throw new IOException("writing the output to disk failed: " + failure.getMessage(), failure);
        }
    }
}
