package com.productflow.pipeline.extract;

import java.time.Duration;

/**
 * Secrets read at run time, never during init (a SnapStart snapshot would keep them past a rotation).
 * In the function: Secrets Manager through Powertools' cached provider.
 */
public interface SecretStore {
    /** The secret's current value, from a cache no older than {@code maxAge}. */
    String get(String secretId, Duration maxAge);

    /** Drops the cached value: the next {@link #get} reads the secret again. */
    void forget(String secretId);
}
