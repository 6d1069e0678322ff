package com.productflow.state;

/**
 * The per-key record: the newest registered version of one S3 key, by {@link Sequencer}, and the
 * version whose output was last published. {@code sequencer} is null while only versions without one
 * (registered from a listing) exist; {@code published} is null before the first publication.
 */
public record LatestVersion(String bucket, String key, Sequencer sequencer, String version, String published) {}
