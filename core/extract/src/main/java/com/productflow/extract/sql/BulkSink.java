package com.productflow.extract.sql;

import java.sql.SQLException;

/** Receives validated product rows (stored form, table column order) inside the load's transaction. */
public interface BulkSink {
    void add(String[] values) throws SQLException;

    /** Writes whatever is still buffered; the caller then creates indexes and commits. */
    void finish() throws SQLException;
}
