package com.productflow.cli;

import com.productflow.convert.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * One self-overwriting progress line on stderr for people at a terminal: bytes, records, rate and,
 * when the input size is known, percentage and ETA. Redrawn at most twice a second.
 */
final class TerminalProgress implements ProgressListener {
    private static final long REDRAW_NANOS = 500_000_000L;
    private final PrintStream err;
    private final long totalBytes;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    TerminalProgress(PrintStream err, long totalBytes) {
        this.err = err;
        this.totalBytes = totalBytes;
    }

    @Override
    public void progress(long bytesIn, long records) {
        long now = System.nanoTime();
        if (drawn && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = bytesIn / seconds;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "\r%,.1f MB", bytesIn / 1e6));
        if (totalBytes > 0) {
            line.append(String.format(Locale.ROOT, " of %,.1f MB (%d%%)", totalBytes / 1e6, Math.min(100, bytesIn * 100 / totalBytes)));
        }
        line.append(String.format(Locale.ROOT, ", %,d records, %.1f MB/s", records, rate / 1e6));
        if (totalBytes > 0 && rate > 0) {
            long eta = (long) Math.max(0, (totalBytes - bytesIn) / rate);
            line.append(String.format(Locale.ROOT, ", ETA %d:%02d", eta / 60, eta % 60));
        }
        err.print(line.append("   "));
        err.flush();
    }

    void finish() {
        if (drawn) {
            err.println();
            drawn = false;
        }
    }
}
