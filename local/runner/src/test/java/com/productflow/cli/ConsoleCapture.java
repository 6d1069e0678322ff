package com.productflow.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures {@code System.out} and {@code System.err} around each test, where commands print their
 * one-line summary and their messages. Use as {@code @RegisterExtension final ConsoleCapture console}.
 */
final class ConsoleCapture implements BeforeEachCallback, AfterEachCallback {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream realOut;
    private PrintStream realErr;

    @Override
    public void beforeEach(ExtensionContext context) {
        realOut = System.out;
        realErr = System.err;
        System.setOut(new PrintStream(out, true, UTF_8));
        System.setErr(new PrintStream(err, true, UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(realOut);
        System.setErr(realErr);
    }

    /** What was printed on stdout so far. */
    String out() {
        return out.toString(UTF_8);
    }

    /** What was printed on stderr so far. */
    String err() {
        return err.toString(UTF_8);
    }

    /** Forgets what was printed, e.g. between two commands in one test. */
    void reset() {
        out.reset();
        err.reset();
    }
}
