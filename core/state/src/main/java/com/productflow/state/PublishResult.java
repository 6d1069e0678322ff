package com.productflow.state;

/** Outcome of {@link FileStateStore#claimPublication}. */
public sealed interface PublishResult {
    /** This version is still the newest of its key and is now recorded as the one publishing its outputs. */
    record Granted(LatestVersion latest) implements PublishResult {}

    /** A newer version is registered (or, for a version without a sequencer, any ordered one): do not publish. */
    record Superseded(LatestVersion latest) implements PublishResult {}
}
