package com.productflow.extract.sql;

import java.sql.SQLException;

/**
 * Receives validated product rows inside the load's transaction: stored form as UTF-8 bytes (null for
 * NULL), table column order. Bytes, because the parsing thread can encode them while the database
 * thread, the load's bottleneck, only binds them.
 */
public interface BulkSink {
    void add(byte[][] values) throws SQLException;

    /** Writes whatever is still buffered; the caller then creates indexes and commits. */
    void finish() throws SQLException;
}
