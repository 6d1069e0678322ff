package com.productflow.extract.sql;

import com.productflow.extract.IsoTime;
import com.productflow.extract.ProductColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.StringJoiner;

/**
 * SQLite: every column is TEXT in its stored form. Decimals stay exact (NUMERIC affinity would turn
 * {@code 39.90} into a binary double), dates and fixed-width instants compare correctly as text.
 * Bulk load: one prepared INSERT OR REPLACE, batched, in one transaction.
 */
public final class SqliteDialect implements SqlDialect {
    static final int BATCH = 4096;
    static final int NEW_DATABASE_PAGE_SIZE = 16384;

    @Override
    public String sqlType(ProductColumn.Type type) {
        return "TEXT";
    }

    /**
     * A table we just created holds nothing that a crash could lose, so its rollback journal lives in
     * memory (a failed load still rolls back; only a process crash mid-load could damage the file, and
     * the loader deletes a database file it created when the load fails). An existing table keeps its
     * on-disk rollback journal so nothing already stored can be damaged. Syncing to disk is off either
     * way: the journal, not fsync, is what keeps a failed load from leaving half a table.
     */
    @Override
    public void beforeLoad(Connection connection, boolean freshTable) throws SQLException {
        // SQLite refuses to change the safety level inside a transaction: set it between transactions.
        connection.commit();
        connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
            if (isEmptyDatabase(s)) {
                // A new database file gets 16 KiB pages (SQLite's default is 4 KiB): a quarter of the
                // page splits and writes for the load and its index builds (bench/RESULTS.md), and the
                // extract's index-ordered reads touch fewer pages. Only an empty
                // database can take it; an existing file keeps its page size.
                s.execute("PRAGMA page_size = " + NEW_DATABASE_PAGE_SIZE);
            }
            s.execute("PRAGMA synchronous = OFF");
            s.execute("PRAGMA cache_size = -65536");
            s.execute("PRAGMA temp_store = MEMORY");
            // Memory-mapped I/O is for the extract's reads; a file growing under a load would be remapped over and over.
            s.execute("PRAGMA mmap_size = 0");
            s.execute(freshTable ? "PRAGMA journal_mode = MEMORY" : "PRAGMA journal_mode = DELETE");
        } finally {
            connection.setAutoCommit(false);
        }
    }

    private static boolean isEmptyDatabase(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("PRAGMA page_count")) {
            return r.next() && r.getLong(1) == 0;
        }
    }

    /**
     * One prepared insert-or-replace, batched, each value bound as UTF-8 bytes and cast to TEXT by SQLite: the
     * driver then skips the String to UTF-8 encoding it would otherwise do on this thread, the load's
     * bottleneck (faster than setString; multi-row VALUES statements gained nothing more: bench/RESULTS.md).
     * Rows apply in order, so the last row of an EAN wins.
     */
    @Override
    public BulkSink openBulkSink(Connection connection) throws SQLException {
        PreparedStatement insert = connection.prepareStatement(upsert(1));
        int width = ProductColumn.ALL.size();
        return new BulkSink() {
            private int pending;

            @Override
            public void add(byte[][] values) throws SQLException {
                for (int i = 0; i < width; i++) {
                    insert.setBytes(i + 1, values[i]);
                }
                insert.addBatch();
                if (++pending == BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }

            @Override
            public void finish() throws SQLException {
                if (pending > 0) {
                    insert.executeBatch();
                    pending = 0;
                }
                insert.close();
            }
        };
    }

    /**
     * {@code INSERT OR REPLACE}: a repeated EAN replaces the stored row, so the last row wins. It loads
     * faster than the equivalent {@code ON CONFLICT DO UPDATE} upsert (bench/RESULTS.md), which costs
     * SQLite extra work per row even when nothing conflicts. No triggers or foreign keys
     * hang off this table, so deleting and re-inserting a row on conflict has no side effects.
     */
    private static String upsert(int rows) {
        StringJoiner row = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < ProductColumn.ALL.size(); i++) {
            row.add("CAST(? AS TEXT)");
        }
        StringJoiner values = new StringJoiner(", ");
        for (int r = 0; r < rows; r++) {
            values.add(row.toString());
        }
        return "INSERT OR REPLACE INTO " + TABLE + " (" + SqlDialect.columnList(ProductColumn.ALL) + ") VALUES " + values;
    }

    @Override
    public void bindDate(PreparedStatement statement, int index, LocalDate date) throws SQLException {
        statement.setString(index, date.toString());
    }

    @Override
    public void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setString(index, IsoTime.canonical(instant));
    }

    @Override
    public String read(ResultSet row, int index, ProductColumn.Type type) throws SQLException {
        return row.getString(index);
    }

    /**
     * SQLite's built-in {@code json_object} writes the value in C: one column per row crosses JNI
     * instead of 26, which is most of the extract's cost. Arguments keep the column order;
     * {@code json(price)} embeds the stored decimal text as a JSON number, exactly (and fails the query
     * if a price is not a valid JSON number, rather than publishing it as something else).
     */
    @Override
    public java.util.Optional<String> productJsonExpression() {
        StringJoiner args = new StringJoiner(", ", "json_object(", ")");
        for (ProductColumn column : ProductColumn.ALL) {
            String ref = SqlDialect.quote(column.name());
            args.add("'" + column.name() + "'");
            args.add(column.type() == ProductColumn.Type.DECIMAL ? "json(" + ref + ")" : ref);
        }
        return java.util.Optional.of(args.toString());
    }

    /** SQLite stores the text as UTF-8: hand those bytes out without decoding them into a String. */
    @Override
    public byte[] readUtf8(ResultSet row, int index, ProductColumn.Type type) throws SQLException {
        return row.getBytes(index);
    }

    @Override
    public boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            s.setString(1, table);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }
}
