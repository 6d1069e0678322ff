package com.productflow.state;

/** Outcome of {@link FileStateStore#supersede}. */
public sealed interface SupersedeResult {
    record Superseded(FileRecord record) implements SupersedeResult {}

    /** Already COMPLETED or SUPERSEDED, or absent ({@code current} null): nothing was written. */
    record Unchanged(String message, FileRecord current) implements SupersedeResult {}
}
