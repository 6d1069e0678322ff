package com.productflow.common;

import java.io.PrintWriter;

/**
 * Base of the errors productflow raises on purpose. Each carries the process exit code a command
 * line should end with, so every face (CLI, Lambda, local runner) maps failures the same way.
 */
public class ProductflowException extends RuntimeException {
    /** Exit code for bad input: malformed data, invalid settings, hostile names. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code for everything else: dead servers, I/O failures, bugs. */
    public static final int EXIT_FAILURE = 1;

    private final int exitCode;

    public ProductflowException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ProductflowException(String message, Throwable cause) {
        this(message, EXIT_FAILURE, cause);
    }

    public ProductflowException(String message) {
        this(message, EXIT_FAILURE, null);
    }

    public int exitCode() {
        return exitCode;
    }

    /**
     * How a command line ends on {@code failure}: one line on {@code err} after {@code command}'s
     * name, a stack trace only for unexpected failures; returns the exit code.
     */
    public static int report(Exception failure, PrintWriter err, String command) {
        if (failure instanceof ProductflowException known) {
            err.println(command + ": " + known.getMessage());
            return known.exitCode();
        }
        err.println(command + ": " + failure);
        failure.printStackTrace(err);
        return EXIT_FAILURE;
    }
}
