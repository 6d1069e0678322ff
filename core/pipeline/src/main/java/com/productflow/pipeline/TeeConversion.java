package com.productflow.pipeline;

import com.productflow.common.concurrent.Handoff;
import com.productflow.common.concurrent.Threads;
import com.productflow.convert.ConversionResult;
import com.productflow.pipeline.S3Conversion.ChecksummingConverter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Several conversions of one input read once: the calling thread reads the input in chunks and hands
 * each chunk (the same array, never written again) to every converter, each running in a thread of its
 * own and writing its own output. Memory is bounded by {@link #QUEUED_CHUNKS} chunks per converter; the
 * slowest converter sets the pace. Each converter hashes and counts the bytes it reads, as it does alone.
 *
 * <p>The first failure wins: a converter that fails (malformed input, a broken upload) stops every
 * hand-off, the others fail at their next read, and {@link #convert} throws that first failure as it
 * was thrown (a {@link com.productflow.common.BadInputException} stays one). No thread is left running.
 */
final class TeeConversion {
    static final int CHUNK_BYTES = 64 << 10;
    static final int QUEUED_CHUNKS = 16;
    /** End of the input (an empty chunk is never handed over otherwise). */
    private static final byte[] END = new byte[0];

    private TeeConversion() {}

    /** Runs {@code converters.get(i)} from {@code in} to {@code outputs.get(i)}; the results in the same order. */
    static List<ConversionResult> convert(InputStream in, List<ChecksummingConverter> converters,
            List<? extends OutputStream> outputs) throws IOException {
        AtomicReference<Throwable> first = new AtomicReference<>();
        List<Handoff<byte[]>> pipes = new ArrayList<>();
        List<Future<ConversionResult>> running = new ArrayList<>();
        ExecutorService pool = Threads.pool("productflow-tee", converters.size());
        try {
            for (int i = 0; i < converters.size(); i++) {
                Handoff<byte[]> pipe = new Handoff<>(QUEUED_CHUNKS);
                pipes.add(pipe);
                ChecksummingConverter converter = converters.get(i);
                OutputStream out = outputs.get(i);
                running.add(pool.submit(() -> {
                    try {
                        PipeInput input = new PipeInput(pipe);
                        ConversionResult result = converter.convert(input, new NonClosingOutputStream(out));
                        input.drain(); // never leave the reader blocked on a converter that stopped early
                        return result;
                    } catch (Exception | Error failed) {
                        first.compareAndSet(null, failed);
                        pipes.forEach(p -> p.stop(failed));
                        throw failed;
                    }
                }));
            }
            feed(in, pipes, first);
            List<ConversionResult> results = new ArrayList<>();
            for (Future<ConversionResult> f : running) {
                results.add(awaitQuietly(f)); // every converter has ended before anything is thrown or returned
            }
            if (first.get() != null) {
                throw rethrow(first.get());
            }
            return results;
        } finally {
            Threads.stop(pool, Duration.ofSeconds(10));
        }
    }

    /** Reads the input to its end, handing every chunk to every pipe; stops at the first failure on either side. */
    private static void feed(InputStream in, List<Handoff<byte[]>> pipes, AtomicReference<Throwable> first) {
        try {
            while (true) {
                byte[] chunk = in.readNBytes(CHUNK_BYTES);
                if (chunk.length == 0) {
                    chunk = END;
                }
                for (Handoff<byte[]> pipe : pipes) {
                    if (!pipe.put(chunk)) {
                        return; // a converter failed: it stopped every pipe and is the first failure
                    }
                }
                if (chunk == END) {
                    return;
                }
            }
        } catch (IOException | RuntimeException | Error failed) {
            first.compareAndSet(null, failed);
            pipes.forEach(p -> p.stop(failed));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while reading the input");
            first.compareAndSet(null, interrupted);
            pipes.forEach(p -> p.stop(interrupted));
        }
    }

    /** The converter's result, or null when it failed (its failure is recorded as, or after, the first one). */
    private static ConversionResult awaitQuietly(Future<ConversionResult> f) throws InterruptedIOException {
        try {
            return f.get();
        } catch (ExecutionException failed) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while converting");
        }
    }

    private static IOException rethrow(Throwable failure) {
        if (failure instanceof IOException io) {
            return io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IOException(failure);
    }

    /** One converter's view of the input: the chunks of its pipe, in order. */
    private static final class PipeInput extends InputStream {
        private final Handoff<byte[]> pipe;
        private byte[] chunk = new byte[0];
        private int position;
        private boolean ended;

        PipeInput(Handoff<byte[]> pipe) {
            this.pipe = pipe;
        }

        @Override
        public int read() throws IOException {
            while (position == chunk.length) {
                if (ended || !next()) {
                    return -1;
                }
            }
            return chunk[position++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (position == chunk.length) {
                if (ended || !next()) {
                    return -1;
                }
            }
            int n = Math.min(len, chunk.length - position);
            System.arraycopy(chunk, position, b, off, n);
            position += n;
            return n;
        }

        /** The next chunk; false at the end of the input. */
        private boolean next() throws IOException {
            byte[] taken;
            try {
                taken = pipe.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for input");
            }
            if (taken == null) {
                throw new IOException("input not read to its end: another output of the same input failed", pipe.failure());
            }
            if (taken == END) {
                ended = true;
                return false;
            }
            chunk = taken;
            position = 0;
            return true;
        }

        void drain() throws IOException {
            while (!ended) {
                position = chunk.length;
                next();
            }
        }
    }
}
