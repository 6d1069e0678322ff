package com.productflow.convert;

import com.productflow.common.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * All-or-nothing conversion into a file (XML, or any {@link StreamConversion}): the output is written to a hidden temp file in the target's
 * folder, then atomically moved onto the target. On any failure the temp file is deleted and the
 * target is untouched (an older file of that name stays as it was). While the file is written, its
 * data is pushed to disk in the background ({@link WriteBehind}), which keeps the final rename fast.
 * With {@code fsync} the file is also forced to disk before the move, so even a power cut cannot
 * leave a partial target; that waits for the last write to reach the disk, so it is off by default
 * (setting {@code CONVERT_FSYNC}).
 */
public final class FileConversion {
    private FileConversion() {}

    public static ConversionResult convert(StreamConversion converter, Path input, Path output, ProgressListener progress)
            throws IOException {
        return convert(converter, input, output, progress, false);
    }

    public static ConversionResult convert(StreamConversion converter, Path input, Path output, ProgressListener progress,
            boolean fsync) throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new BadInputException("input file " + input + " does not exist or is not a regular file");
        }
        try (InputStream in = Files.newInputStream(input)) {
            return convert(converter, in, output, progress, fsync, true);
        } catch (NoSuchFileException e) {
            throw new BadInputException("input file " + input + " does not exist", e);
        }
    }

    /** Converts a stream (e.g. stdin) into {@code output}, all or nothing; the stream is not closed. */
    public static ConversionResult convert(StreamConversion converter, InputStream in, Path output, ProgressListener progress)
            throws IOException {
        return convert(converter, in, output, progress, false);
    }

    public static ConversionResult convert(StreamConversion converter, InputStream in, Path output, ProgressListener progress,
            boolean fsync) throws IOException {
        return convert(converter, in, output, progress, fsync, false);
    }

    /** {@code localInput}: {@code in} is a local file, so input and output can share one I/O helper thread. */
    private static ConversionResult convert(StreamConversion converter, InputStream in, Path output, ProgressListener progress,
            boolean fsync, boolean localInput) throws IOException {
        Path target = output.toAbsolutePath();
        Path folder = target.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new BadInputException("output folder " + folder + " does not exist");
        }
        // Not Files.createTempFile: that makes the file owner-only (0600), and the move would carry
        // those permissions onto the target. createFile honours the umask like any new file.
        Path temp = Files.createFile(folder.resolve("." + target.getFileName() + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".part"));
        boolean done = false;
        try {
            ConversionResult result;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                try (WriteBehind writeBehind = new WriteBehind(channel, WriteBehind.STEP)) {
                    result = converter.convert(in, writeBehind.wrap(Channels.newOutputStream(channel)), progress, localInput);
                }
                if (fsync) {
                    channel.force(true);
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            return result;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
