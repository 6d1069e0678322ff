package com.productflow.local;

import com.productflow.common.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The folder of a durable local run ({@code productflow local --data-dir DIR}), held by one run at a time
 * through an OS lock on {@code DIR/lock}: the kernel releases it when the process ends in any way, {@code kill -9}
 * included, so nothing ever has to be cleaned up before a restart. What lives where (docs/local.md, "Data
 * directory"): {@code s3/} the objects and open multipart uploads (s3proxy's file system store), {@code dynamodb/}
 * the tables (dynalite's LevelDB), {@code kafka/} the broker's log dir (KRaft; node and cluster id in its
 * {@code meta.properties}), {@code stepfunctions/executions.jsonl} the executions' journal, {@code functions/}
 * each function's {@code /tmp} (the extract's SQLite database) and logs, {@code env.json} the local settings file.
 */
public final class DataDir implements AutoCloseable {
    private final Path root;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDir(Path root, FileChannel channel, FileLock lock) {
        this.root = root;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates the folder if needed and takes its lock.
     *
     * @throws BadInputException when another live process holds it (exit 2), naming the folder and that process
     */
    public static DataDir open(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        FileChannel channel = null;
        try {
            Files.createDirectories(root);
            channel = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                String holder = new String(Files.readAllBytes(root.resolve("lock")), StandardCharsets.UTF_8).strip();
                channel.close();
                throw new BadInputException("--data-dir " + root + " is in use by another productflow local"
                        + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; stop it first or choose another folder");
            }
            // For the message above only: the lock, not this number, says whether the folder is taken.
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new DataDir(root, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new BadInputException("--data-dir " + root + ": cannot create or lock it: " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    /** s3proxy's file system store: one folder per bucket. */
    public Path s3() {
        return root.resolve("s3");
    }

    /** dynalite's LevelDB. */
    public Path dynamodb() {
        return root.resolve("dynamodb");
    }

    /** The Kafka broker's log dir. */
    public Path kafka() {
        return root.resolve("kafka");
    }

    /** The Step Functions executor's journal of executions. */
    public Path executionsJournal() {
        return root.resolve("stepfunctions").resolve("executions.jsonl");
    }

    /** The functions' own folders ({@code tmp/<Function>}, {@code logs/<Function>.log}). */
    public Path functions() {
        return root.resolve("functions");
    }

    /** The local settings file (SAM's --env-vars format) of this folder. */
    public Path envVars() {
        return root.resolve("env.json");
    }

    /**
     * The settings file this run uses: the folder's own copy, made from {@code given} on the first start
     * (or when {@code given} is a file the user named, not the default): later starts keep the folder's.
     */
    public Path settings(Path given, boolean explicit) {
        Path own = envVars();
        if (given == null || (Files.isRegularFile(own) && !explicit)) {
            return Files.isRegularFile(own) ? own : null;
        }
        try {
            Path tmp = Files.createTempFile(root, "env", ".json.tmp");
            Files.copy(given, tmp, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            try {
                Files.move(tmp, own, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, own, StandardCopyOption.REPLACE_EXISTING);
            }
            return own;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + given + " to " + own, e);
        }
    }

    /** Releases the lock (the kernel does it too when the process ends). */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it anyway
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing held any more
        }
    }
}
