package com.productflow.extract.load;

import com.productflow.common.BadInputException;
import com.productflow.common.concurrent.Handoff;
import com.productflow.common.concurrent.Threads;
import com.productflow.extract.ProductColumn;
import com.productflow.extract.csv.CsvReader;
import com.productflow.extract.csv.CsvRecord;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads, validates and de-duplicates CSV rows on its own thread and hands valid rows, in file order,
 * to the thread that writes them to the database: parsing and SQLite's inserts each take about one
 * core, so a load runs at the speed of the slower of the two instead of their sum.
 *
 * <p>Batches go over through a {@link Handoff}, then an empty batch marks the end (also when parsing
 * failed: {@link #finish()} rethrows). {@link #finish()} stops the hand-off, which ends the thread
 * early if the database side gave up.
 */
final class ParsingThread implements Runnable {
    private static final int BATCH = 1024;
    private static final List<byte[][]> END = List.of();

    private final CsvReader reader;
    private final RowValidator validator;
    private final RejectsWriter rejects;
    private final Handoff<List<byte[][]>> queue = new Handoff<>(16);
    private final LongSet seen = new LongSet();
    private Exception failure;
    private long rows;
    private long duplicates;
    private Thread thread;

    ParsingThread(CsvReader reader, RowValidator validator, RejectsWriter rejects) {
        this.reader = reader;
        this.validator = validator;
        this.rejects = rejects;
    }

    void start() {
        thread = Threads.start("productflow-csv-parser", this);
    }

    /** The next batch of valid rows, or an empty list at the end (or when parsing failed: see {@link #finish()}). */
    List<byte[][]> take() throws InterruptedException {
        List<byte[][]> batch = queue.take();
        return batch == null ? END : batch;
    }

    /** Stops the thread (if still running), waits for it and rethrows what it failed with. */
    void finish() throws IOException, InterruptedException {
        queue.stop(null);
        thread.join();
        if (failure instanceof CharacterCodingException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
    }

    long rows() {
        return rows;
    }

    long duplicates() {
        return duplicates;
    }

    @Override
    public void run() {
        try {
            List<byte[][]> batch = new ArrayList<>(BATCH);
            CsvRecord record;
            while (!queue.stopped() && (record = reader.next()) != null) {
                rows++;
                RowValidator.Outcome outcome = validator.validate(record);
                if (outcome.values() == null) {
                    rejects.reject(record.line(), outcome.column(), outcome.reason(), record.raw());
                    continue;
                }
                if (!seen.add(Long.parseLong(outcome.values()[ProductColumn.EAN]))) {
                    duplicates++;
                }
                batch.add(utf8(outcome.values()));
                if (batch.size() == BATCH) {
                    hand(batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                hand(batch);
            }
        } catch (Exception e) {
            failure = e;
        } finally {
            try {
                hand(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Encoding here keeps it off the database thread, which is the load's bottleneck. */
    private static byte[][] utf8(String[] values) {
        byte[][] bytes = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = values[i] == null ? null : values[i].getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }

    /** Waits while the database thread is behind; returns at once if it gave up. */
    private void hand(List<byte[][]> batch) throws InterruptedException {
        queue.put(batch);
    }
}
