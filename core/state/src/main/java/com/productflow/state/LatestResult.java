package com.productflow.state;

/** Outcome of {@link FileStateStore#recordLatest}: whether the version is now the newest of its key. */
public sealed interface LatestResult {
    /** This version is the newest (now or already); {@code previous} is the one it replaced, or null. */
    record Newest(LatestVersion latest, String previous) implements LatestResult {}

    /** A newer version of the key is already registered: this one is superseded by {@code latest}. */
    record Older(LatestVersion latest) implements LatestResult {}
}
