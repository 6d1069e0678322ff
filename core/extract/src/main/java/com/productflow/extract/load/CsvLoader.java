package com.productflow.extract.load;

import com.productflow.common.BadInputException;
import com.productflow.common.ProductflowException;
import com.productflow.common.config.SettingsRegistry;
import com.productflow.extract.ProductColumn;
import com.productflow.extract.csv.CsvReader;
import com.productflow.extract.csv.CsvRecord;
import com.productflow.extract.sql.BulkSink;
import com.productflow.extract.sql.Database;
import com.productflow.extract.sql.SqlDialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads {@code products.csv} into the {@code products} table in one transaction: streams the file,
 * validates each row, writes bad rows to the rejects file and upserts the good ones (the last row of
 * an EAN wins). Either the whole file is loaded (with its rejects file) or nothing changes.
 */
public final class CsvLoader {
    /** A record longer than this is taken for a quote never closed, and stops the load. */
    public static final int DEFAULT_MAX_RECORD_BYTES = SettingsRegistry.CSV_MAX_RECORD_BYTES.defaultValue().orElseThrow();

    private final Database database;
    private final int maxRecordBytes;

    public CsvLoader(Database database, int maxRecordBytes) {
        this.database = database;
        this.maxRecordBytes = maxRecordBytes;
    }

    public CsvLoader(Database database) {
        this(database, DEFAULT_MAX_RECORD_BYTES);
    }

    /** The default rejects file: {@code products.csv} → {@code products.csv.rejects.csv}, beside it. */
    public static Path defaultRejectsFile(Path csv) {
        return csv.toAbsolutePath().resolveSibling(csv.getFileName() + ".rejects.csv");
    }

    public LoadResult load(Path csv, Path rejectsFile) {
        if (!Files.isRegularFile(csv)) {
            throw new BadInputException(csv + ": no such file");
        }
        SqlDialect dialect = database.dialect();
        Path dbFile = database.sqliteFile().orElse(null);
        boolean createdDbFile = dbFile != null && (!Files.exists(dbFile) || size(dbFile) == 0);
        boolean ok = false;
        try (CsvReader reader = open(csv);
                RejectsWriter rejects = new RejectsWriter(rejectsFile);
                Connection connection = database.connect()) {
            try {
                LoadResult result = load(csv, reader, rejects, connection, dialect);
                Path published = rejects.commit();
                ok = true;
                return new LoadResult(result.rows(), result.loaded(), result.rejected(), result.duplicates(), published);
            } catch (SQLException | RuntimeException | IOException e) {
                rollback(connection);
                throw e;
            }
        } catch (CharacterCodingException e) {
            throw new BadInputException(e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new BadInputException(csv + ": no such file", e);
        } catch (IOException e) {
            throw new ProductflowException("cannot read " + csv + " or write " + rejectsFile + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new ProductflowException("loading " + csv + " into " + database + " failed: " + e.getMessage(), e);
        } finally {
            if (!ok && createdDbFile) {
                // The database did not exist before this load: leave nothing behind.
                deleteQuietly(dbFile);
                deleteQuietly(Path.of(dbFile + "-journal"));
            }
        }
    }

    private LoadResult load(Path csv, CsvReader reader, RejectsWriter rejects, Connection connection, SqlDialect dialect)
            throws IOException, SQLException {
        CsvRecord header = reader.next();
        if (header == null) {
            throw new BadInputException(csv + ": empty file, expected a header line");
        }
        RowValidator validator = validatorFor(csv, header);
        boolean fresh = !dialect.tableExists(connection, SqlDialect.TABLE);
        dialect.beforeLoad(connection, fresh);
        dialect.createTable(connection);
        BulkSink sink = dialect.openBulkSink(connection);
        ParsingThread parser = new ParsingThread(reader, validator, rejects);
        parser.start();
        try {
            List<byte[][]> batch;
            while (!(batch = parser.take()).isEmpty()) {
                for (byte[][] row : batch) {
                    sink.add(row);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProductflowException("interrupted while loading " + csv, e);
        } finally {
            finish(parser);
        }
        sink.finish();
        dialect.createIndexes(connection);
        connection.commit();
        long rejected = rejects.count();
        long rows = parser.rows();
        long duplicates = parser.duplicates();
        return new LoadResult(rows, rows - rejected - duplicates, rejected, duplicates, null);
    }

    private static void finish(ParsingThread parser) throws IOException {
        try {
            parser.finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProductflowException("interrupted while loading", e);
        }
    }

    /** Maps the header to the product columns by name; every column of docs/data.md must be there. */
    private static RowValidator validatorFor(Path csv, CsvRecord header) {
        if (header.problem() != null) {
            throw new BadInputException(csv + " line " + header.line() + ": malformed header: " + header.problem());
        }
        Map<String, Integer> positions = new HashMap<>();
        List<String> names = header.fields();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip();
            if (positions.putIfAbsent(name, i) != null) {
                throw new BadInputException(csv + " line " + header.line() + ": column '" + name + "' appears twice in the header");
            }
        }
        List<String> missing = new ArrayList<>();
        int[] index = new int[ProductColumn.ALL.size()];
        for (int i = 0; i < index.length; i++) {
            Integer at = positions.get(ProductColumn.ALL.get(i).name());
            if (at == null) {
                missing.add(ProductColumn.ALL.get(i).name());
            } else {
                index[i] = at;
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException(csv + " line " + header.line() + ": the header lacks required column"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing));
        }
        return new RowValidator(index, names.size());
    }

    private CsvReader open(Path csv) throws IOException {
        return new CsvReader(Files.newInputStream(csv), csv.toString(), maxRecordBytes);
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // The original failure matters more; closing the connection discards the transaction anyway.
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Best effort.
        }
    }
}
