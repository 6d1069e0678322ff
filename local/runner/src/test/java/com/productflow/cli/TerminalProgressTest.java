package com.productflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
    @Test
    void showsBytesRecordsRateAndEtaWhenTheSizeIsKnownThrottled() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        TerminalProgress progress = new TerminalProgress(new PrintStream(err, true, StandardCharsets.UTF_8), 100_000_000);
        progress.progress(25_000_000, 12_345);
        progress.progress(26_000_000, 12_400); // within 0.5 s: not redrawn
        progress.finish();
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\r25.0 MB of 100.0 MB (25%), 12,345 records, "), text);
        assertTrue(text.contains(" MB/s, ETA "), text);
        assertEquals(1, text.chars().filter(c -> c == '\r').count(), text);
        assertTrue(text.endsWith(System.lineSeparator()), text);
    }

    @Test
    void withoutASizeThereIsNoEta() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        TerminalProgress progress = new TerminalProgress(new PrintStream(err, true, StandardCharsets.UTF_8), -1);
        progress.progress(5_000_000, 10);
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("5.0 MB, 10 records") && !text.contains("ETA"), text);
    }
}
