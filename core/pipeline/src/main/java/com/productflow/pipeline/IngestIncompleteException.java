package com.productflow.pipeline;

import com.productflow.common.ProductflowException;

/**
 * Some objects of an ingest batch failed for a reason other than bad input (a dead server, an I/O
 * error): worth retrying the whole batch, which redoes only what is not done.
 */
public final class IngestIncompleteException extends ProductflowException {
    public IngestIncompleteException(String message, Throwable cause) {
        super(message, cause);
    }
}
