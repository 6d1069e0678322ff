package com.productflow.pipeline;

import com.productflow.common.ProductflowException;

/** Another live execution holds the file's lease: try again later (its lease will end one way or another). */
public final class FileBusyException extends ProductflowException {
    public FileBusyException(String message) {
        super(message);
    }
}
