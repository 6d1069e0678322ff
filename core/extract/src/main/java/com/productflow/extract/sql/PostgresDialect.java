package com.productflow.extract.sql;

import com.productflow.extract.IsoTime;
import com.productflow.extract.ProductColumn;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.StringJoiner;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL: real types (NUMERIC, DATE, TIMESTAMPTZ). Bulk load: {@code COPY} into a temporary staging
 * table that carries each row's position in the file, then one upsert that keeps the last row of each
 * EAN (a plain {@code INSERT ... ON CONFLICT} fails when one statement touches the same key twice).
 */
public final class PostgresDialect implements SqlDialect {
    private static final String STAGE = "productflow_products_stage";
    private static final int COPY_CHUNK = 1 << 20;

    @Override
    public String sqlType(ProductColumn.Type type) {
        return switch (type) {
            case TEXT -> "TEXT";
            case DECIMAL -> "NUMERIC";
            case DATE -> "DATE";
            case INSTANT -> "TIMESTAMPTZ";
        };
    }

    @Override
    public void beforeLoad(Connection connection, boolean freshTable) throws SQLException {
        try (Statement s = connection.createStatement()) {
            // The load is one transaction and can be redone: do not wait for the WAL flush at commit.
            s.execute("SET LOCAL synchronous_commit = off");
        }
    }

    @Override
    public BulkSink openBulkSink(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TEMP TABLE " + STAGE + " (seq BIGINT NOT NULL, LIKE " + TABLE + ") ON COMMIT DROP");
        }
        String columns = SqlDialect.columnList(ProductColumn.ALL);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + STAGE + " (seq, " + columns + ") FROM STDIN (FORMAT csv)");
        return new BulkSink() {
            private final ByteArrayOutputStream chunk = new ByteArrayOutputStream(COPY_CHUNK + 65536);
            private long seq;

            @Override
            public void add(byte[][] values) throws SQLException {
                byte[] number = Long.toString(seq++).getBytes(StandardCharsets.US_ASCII);
                chunk.write(number, 0, number.length);
                for (byte[] value : values) {
                    chunk.write(',');
                    if (value != null) {
                        // Quoted, so an empty string is not NULL and separators inside are data.
                        chunk.write('"');
                        for (byte b : value) {
                            if (b == '"') {
                                chunk.write('"');
                            }
                            chunk.write(b);
                        }
                        chunk.write('"');
                    }
                }
                chunk.write('\n');
                if (chunk.size() >= COPY_CHUNK) {
                    flush();
                }
            }

            private void flush() throws SQLException {
                copy.writeToCopy(chunk.toByteArray(), 0, chunk.size());
                chunk.reset();
            }

            @Override
            public void finish() throws SQLException {
                flush();
                copy.endCopy();
                StringJoiner updates = new StringJoiner(", ");
                for (ProductColumn column : ProductColumn.ALL) {
                    if (!column.name().equals("ean")) {
                        updates.add(SqlDialect.quote(column.name()) + " = EXCLUDED." + SqlDialect.quote(column.name()));
                    }
                }
                try (Statement s = connection.createStatement()) {
                    s.execute("INSERT INTO " + TABLE + " (" + columns + ") SELECT DISTINCT ON (\"ean\") " + columns
                            + " FROM " + STAGE + " ORDER BY \"ean\", seq DESC ON CONFLICT (\"ean\") DO UPDATE SET " + updates);
                }
            }
        };
    }

    @Override
    public void bindDate(PreparedStatement statement, int index, LocalDate date) throws SQLException {
        statement.setObject(index, date);
    }

    @Override
    public void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
    }

    @Override
    public String read(ResultSet row, int index, ProductColumn.Type type) throws SQLException {
        return switch (type) {
            case TEXT -> row.getString(index);
            case DECIMAL -> {
                java.math.BigDecimal d = row.getBigDecimal(index);
                yield d == null ? null : d.toPlainString();
            }
            case DATE -> {
                LocalDate d = row.getObject(index, LocalDate.class);
                yield d == null ? null : d.toString();
            }
            case INSTANT -> {
                OffsetDateTime t = row.getObject(index, OffsetDateTime.class);
                yield t == null ? null : IsoTime.canonical(t.toInstant());
            }
        };
    }

    @Override
    public boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            s.setString(1, table);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }
}
