package com.productflow.extract.sql;

import com.productflow.common.BadInputException;
import com.productflow.extract.ProductColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.StringJoiner;

/**
 * What differs between the databases we load and read: column types, the bulk-load path, how dates
 * and instants are bound and read. Everything else (the queries) is shared and parameterised.
 */
public sealed interface SqlDialect permits SqliteDialect, PostgresDialect {
    String TABLE = "products";

    static SqlDialect forUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return new SqliteDialect();
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        throw new BadInputException("DB_URL must start with jdbc:sqlite: or jdbc:postgresql:, got '" + redact(jdbcUrl) + "'");
    }

    String sqlType(ProductColumn.Type type);

    /** Prepares the connection for a bulk load into a table that {@code freshTable} says was just created. */
    void beforeLoad(Connection connection, boolean freshTable) throws SQLException;

    BulkSink openBulkSink(Connection connection) throws SQLException;

    void bindDate(PreparedStatement statement, int index, LocalDate date) throws SQLException;

    void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException;

    /** A column of a selected row as stored-form text (see {@code RowValidator}), or null. */
    String read(ResultSet row, int index, ProductColumn.Type type) throws SQLException;

    /**
     * An SQL expression that builds the product's JSON value (same shape as {@code ProductJson}) in
     * the database, or empty when the value is built in Java from the columns.
     */
    default java.util.Optional<String> productJsonExpression() {
        return java.util.Optional.empty();
    }

    /** The same as {@link #read}, as UTF-8 bytes (what the JSON writer consumes). */
    default byte[] readUtf8(ResultSet row, int index, ProductColumn.Type type) throws SQLException {
        String value = read(row, index, type);
        return value == null ? null : value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Creates the products table if missing; returns true when it did (the table is new). */
    default boolean createTable(Connection connection) throws SQLException {
        boolean existed = tableExists(connection, TABLE);
        StringJoiner columns = new StringJoiner(", ", "CREATE TABLE IF NOT EXISTS " + TABLE + " (", ")");
        for (ProductColumn column : ProductColumn.ALL) {
            columns.add(quote(column.name()) + " " + sqlType(column.type())
                    + (column.name().equals("ean") ? " PRIMARY KEY NOT NULL" : ""));
        }
        try (Statement s = connection.createStatement()) {
            s.execute(columns.toString());
        }
        return !existed;
    }

    /**
     * The selection index ({@code articleStatus, b2bReadinessDate}) and the incremental-mode index
     * ({@code articleStatus, lastUpdated, ean}: pages in watermark order without sorting the selection).
     */
    default void createIndexes(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE INDEX IF NOT EXISTS products_status_readiness ON " + TABLE
                    + " (\"articleStatus\", \"b2bReadinessDate\")");
            s.execute("CREATE INDEX IF NOT EXISTS products_status_updated ON " + TABLE
                    + " (\"articleStatus\", \"lastUpdated\", \"ean\")");
        }
    }

    boolean tableExists(Connection connection, String table) throws SQLException;

    static String quote(String identifier) {
        return '"' + identifier + '"';
    }

    static String columnList(List<ProductColumn> columns) {
        StringJoiner list = new StringJoiner(", ");
        for (ProductColumn column : columns) {
            list.add(quote(column.name()));
        }
        return list.toString();
    }

    /** A JDBC URL without its query (where passwords may hide), for messages. */
    static String redact(String jdbcUrl) {
        int q = jdbcUrl.indexOf('?');
        return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q) + "?...";
    }
}
