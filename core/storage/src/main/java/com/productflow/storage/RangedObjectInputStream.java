package com.productflow.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads one object as parallel ranged GETs ({@code Range: bytes=a-b}, conditional on the entity tag
 * seen at open), handed out in order. Byte ranges rather than {@code ?partNumber=} reads: they work
 * on every S3-compatible server and for objects uploaded in one piece. At most
 * {@code parallelism} ranges of {@code partSize} bytes are held at once (the one being read
 * included). A failed range is fetched again alone.
 */
public final class RangedObjectInputStream extends InputStream {
    private final ObjectStore store;
    private final ObjectLocation location;
    private final ObjectInfo info;
    private final TransferOptions options;
    private final ExecutorService workers;
    private final Deque<Future<byte[]>> pending = new ArrayDeque<>();
    /** Range buffers handed back by the reader, reused so large reads do not churn the heap. */
    private final java.util.concurrent.ConcurrentLinkedQueue<byte[]> spare = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private long nextRangeStart;
    private byte[] current = new byte[0];
    private int position;
    private boolean closed;

    public RangedObjectInputStream(ObjectStore store, ObjectLocation location, ObjectInfo info, TransferOptions options) {
        this.store = store;
        this.location = location;
        this.info = info;
        this.options = options;
        AtomicInteger threadNumber = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(options.parallelism(), runnable -> {
            Thread thread = new Thread(runnable, "s3-range-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        while (pending.size() < options.parallelism() && scheduleNext()) {
            // fill the pipeline
        }
    }

    @Override
    public int read() throws IOException {
        if (!ensureData()) {
            return -1;
        }
        return current[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!ensureData()) {
            return -1;
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return current.length - position;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            pending.forEach(f -> f.cancel(true));
            pending.clear();
            workers.shutdownNow();
            try {
                workers.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean ensureData() throws IOException {
        if (closed) {
            throw new IOException("stream closed: " + location);
        }
        while (position == current.length) {
            Future<byte[]> next = pending.poll();
            if (next == null) {
                return false;
            }
            if (current.length == options.partSize()) {
                spare.offer(current); // before the next range is scheduled: memory stays bounded
            }
            current = null;
            try {
                current = next.get();
            } catch (ExecutionException e) {
                close();
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                throw new IOException("reading " + location + " failed: " + cause, cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new InterruptedIOException("interrupted while reading " + location);
            }
            position = 0;
            scheduleNext();
        }
        return true;
    }

    private boolean scheduleNext() {
        if (nextRangeStart >= info.size()) {
            return false;
        }
        long first = nextRangeStart;
        long last = Math.min(info.size(), first + options.partSize()) - 1;
        nextRangeStart = last + 1;
        pending.add(workers.submit(() -> fetch(first, last)));
        return true;
    }

    private byte[] fetch(long first, long last) throws IOException {
        int length = (int) (last - first + 1);
        IOException lastFailure = null;
        byte[] reused = spare.poll();
        byte[] data = reused != null && reused.length == length ? reused : new byte[length];
        for (int attempt = 1; attempt <= options.partAttempts(); attempt++) {
            try (InputStream in = store.getRange(location, info.versionId(), first, last, info.eTag())) {
                int filled = in.readNBytes(data, 0, length);
                if (filled != length || in.read() != -1) {
                    throw new IOException("range " + first + "-" + last + " of " + location + " returned "
                            + (filled == length ? "more" : filled) + " bytes instead of " + length);
                }
                return data;
            } catch (ObjectNotFoundException | ObjectChangedException e) {
                throw e;
            } catch (IOException | ObjectStoreException e) {
                lastFailure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
            }
        }
        throw new IOException("range " + first + "-" + last + " of " + location + " failed after "
                + options.partAttempts() + " attempts: " + lastFailure.getMessage(), lastFailure);
    }
}
