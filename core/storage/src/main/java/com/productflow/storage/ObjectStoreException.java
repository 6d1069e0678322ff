package com.productflow.storage;

import com.productflow.common.ProductflowException;

/** The object store failed or could not be reached; retrying later may help. */
public class ObjectStoreException extends ProductflowException {
    public ObjectStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public ObjectStoreException(String message) {
        super(message);
    }
}
