package com.productflow.local.console;

/** A request the console refuses, with the HTTP status and a message the page shows as it is. */
final class ConsoleException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    ConsoleException(int status, String message) {
        super(message);
        this.status = status;
    }

    static ConsoleException badInput(String message) {
        return new ConsoleException(400, message);
    }

    static ConsoleException notFound(String message) {
        return new ConsoleException(404, message);
    }

    int status() {
        return status;
    }
}
