package com.productflow.storage;

import com.productflow.common.BadInputException;

/** The named bucket or object does not exist: the caller gave a wrong name (exit code 2). */
public final class ObjectNotFoundException extends BadInputException {
    public ObjectNotFoundException(ObjectLocation location) {
        super("no such object: " + location);
    }

    public ObjectNotFoundException(String message) {
        super(message);
    }
}
