package com.productflow.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background sync of a file being written: it syncs, the bytes are intact, and a failed sync is not swallowed. */
class WriteBehindTest {
    @TempDir
    Path dir;

    @Test
    void syncsEveryStepAndKeepsTheBytes() throws IOException {
        Path file = dir.resolve("out.bin");
        byte[] data = new byte[10 * 4096 + 17];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        AtomicInteger syncs = new AtomicInteger();
        try (FileChannel real = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileChannel channel = new ForceHook(real, () -> syncs.incrementAndGet())) {
            try (WriteBehind wb = new WriteBehind(channel, 4096)) {
                OutputStream out = wb.wrap(Channels.newOutputStream(channel));
                for (int off = 0; off < data.length; off += 1000) {
                    out.write(data, off, Math.min(1000, data.length - off));
                }
                out.flush();
                // A sync requested just before close() may be skipped (the rename does the rest): wait for one.
                for (int i = 0; i < 500 && syncs.get() == 0; i++) {
                    sleep(10);
                }
            }
        }
        assertArrayEquals(data, Files.readAllBytes(file));
        assertTrue(syncs.get() >= 1, "no background sync happened");
        assertEquals(0, Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("productflow-convert-sync") && t.isAlive()).count());
    }

    @Test
    void aFailedSyncIsRethrownByClose() throws IOException {
        CountDownLatch syncing = new CountDownLatch(1);
        Path file = dir.resolve("out.bin");
        try (FileChannel real = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileChannel channel = new ForceHook(real, () -> {
                    syncing.countDown();
                    throw new IOException("Input/output error");
                })) {
            WriteBehind wb = new WriteBehind(channel, 10);
            wb.wrap(Channels.newOutputStream(channel)).write(new byte[100], 0, 100);
            assertTrue(await(syncing), "no background sync started");
            IOException e = assertThrows(IOException.class, wb::close);
            assertTrue(e.getMessage().contains("Input/output error"), e.getMessage());
        }
    }

    @Test
    void closingWithoutAnyWriteIsQuick() throws IOException {
        Path file = dir.resolve("out.bin");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long start = System.nanoTime();
            new WriteBehind(channel, WriteBehind.STEP).close();
            assertTrue(System.nanoTime() - start < 5_000_000_000L);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    interface Hook {
        void run() throws IOException;
    }

    /** A real file channel whose force() first runs a hook (counts, or fails like a disk error). */
    private static final class ForceHook extends FileChannel {
        private final FileChannel real;
        private final Hook hook;

        ForceHook(FileChannel real, Hook hook) {
            this.real = real;
            this.hook = hook;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            hook.run();
            real.force(metaData);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return real.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return real.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return real.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return real.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return real.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            real.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            real.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return real.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return real.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return real.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return real.write(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return real.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return real.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return real.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            real.close();
        }
    }
}
