package com.productflow.state;

/** Outcome of {@link FileStateStore#register}: a new PENDING record, or the one already there, unchanged. */
public sealed interface RegisterResult {
    FileRecord record();

    record Created(FileRecord record) implements RegisterResult {}

    /** A duplicate event for the same upload: nothing was written. */
    record AlreadyRegistered(FileRecord record) implements RegisterResult {}
}
