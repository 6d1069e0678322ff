package com.productflow.common;

/**
 * The input (a file, a record, a setting, a name) is wrong: retrying will not help. The message
 * names where: file, line/column/offset, record index, key or setting.
 */
public class BadInputException extends ProductflowException {
    public BadInputException(String message) {
        super(message, EXIT_BAD_INPUT, null);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, EXIT_BAD_INPUT, cause);
    }
}
