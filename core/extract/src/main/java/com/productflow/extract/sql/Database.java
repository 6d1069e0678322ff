package com.productflow.extract.sql;

import com.productflow.common.ProductflowException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * Where products live: a JDBC URL ({@code jdbc:sqlite:products.db}, {@code jdbc:postgresql://host/db})
 * plus optional user and password (from settings or a secret; never logged).
 */
public record Database(String url, String user, String password) {
    private static final int SQLITE_OPEN_READWRITE = 0x2;
    private static final int SQLITE_OPEN_CREATE = 0x4;
    private static final int SQLITE_OPEN_NOMUTEX = 0x8000;

    public Database {
        SqlDialect.forUrl(url);
    }

    public static Database of(String url) {
        return new Database(url, null, null);
    }

    public SqlDialect dialect() {
        return SqlDialect.forUrl(url);
    }

    /** A connection with auto-commit off: every operation here is one explicit transaction. */
    public Connection connect() {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        if (url.startsWith("jdbc:sqlite:")) {
            // Reads go through memory-mapped pages (no read() call per page) and a 64 MiB page
            // cache: an extract walks the index and jumps around the table, which otherwise re-reads
            // pages through the 2 MiB default cache.
            props.setProperty("mmap_size", Long.toString(1L << 30));
            props.setProperty("cache_size", "-65536");
            // No SQLite-level mutex on every API call (open flag NOMUTEX): a Connection is used by one
            // thread at a time here, and sqlite-jdbc serialises its own calls per connection anyway.
            // The load binds 26 values per row, each a locked call otherwise (~6% of its insert CPU).
            props.setProperty("open_mode", Integer.toString(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX));
        }
        try {
            Connection c = DriverManager.getConnection(url, props);
            c.setAutoCommit(false);
            return c;
        } catch (SQLException e) {
            throw new ProductflowException("cannot connect to " + SqlDialect.redact(url) + ": " + e.getMessage(), e);
        }
    }

    /** The file behind a SQLite URL, or empty for in-memory databases and other engines. */
    public Optional<Path> sqliteFile() {
        if (!url.startsWith("jdbc:sqlite:")) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:sqlite:".length());
        int q = rest.indexOf('?');
        if (q >= 0) {
            rest = rest.substring(0, q);
        }
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        if (rest.isEmpty() || rest.contains(":memory:") || rest.startsWith(":resource:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(rest));
    }

    @Override
    public String toString() {
        return "Database[" + SqlDialect.redact(url) + (user == null ? "" : ", user=" + user) + "]";
    }
}
