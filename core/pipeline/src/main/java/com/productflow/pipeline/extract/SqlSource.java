package com.productflow.pipeline.extract;

import com.productflow.extract.sql.Database;
import java.io.IOException;

/** Where the extract reads products from, resolved per invocation (a CSV in S3 may have changed, a secret rotated). */
@FunctionalInterface
public interface SqlSource {
    Database database() throws IOException;

    /**
     * Called once after the database refused the credentials: forgets cached credentials so the next
     * {@link #database()} reads them again. False when there is nothing to refresh (no retry then).
     */
    default boolean refreshCredentials() {
        return false;
    }
}
