package com.productflow.state;

import com.productflow.common.ProductflowException;

/** The state store cannot be used: the server is unreachable, the table is missing, access is denied. */
public final class StateStoreException extends ProductflowException {
    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
