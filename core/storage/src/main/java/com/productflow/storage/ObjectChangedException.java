package com.productflow.storage;

/** The object was replaced while it was being read (its entity tag changed): retry the whole read. */
public final class ObjectChangedException extends ObjectStoreException {
    private final transient ObjectLocation location;

    public ObjectChangedException(ObjectLocation location) {
        super("object changed while being read: " + location);
        this.location = location;
    }

    /** The object that changed. */
    public ObjectLocation location() {
        return location;
    }
}
