package com.productflow.pipeline.extract;

import com.productflow.extract.sql.Database;
import java.time.Duration;

/**
 * PostgreSQL with the credentials of a secret ({@link SecretDatabase}), read at every invocation
 * through the store's cache (at most {@code maxAge} old), so a rotated password is picked up without a
 * restart: at the latest after {@code maxAge}, at once when the database refuses the old one.
 */
public final class SecretSqlSource implements SqlSource {
    private final String secretId;
    private final SecretStore secrets;
    private final Duration maxAge;

    public SecretSqlSource(String secretId, SecretStore secrets, Duration maxAge) {
        this.secretId = secretId;
        this.secrets = secrets;
        this.maxAge = maxAge;
    }

    @Override
    public Database database() {
        return SecretDatabase.parse(secretId, secrets.get(secretId, maxAge));
    }

    @Override
    public boolean refreshCredentials() {
        secrets.forget(secretId);
        return true;
    }
}
