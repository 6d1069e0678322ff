package com.productflow.local;

import com.productflow.extract.load.CsvLoader;
import com.productflow.extract.load.LoadResult;
import com.productflow.extract.sql.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The extract's source locally: the products CSV bulk-loaded into SQLite (the prototype's way) in a
 * temporary folder that {@link #close()} removes.
 */
final class ProductsDatabase implements AutoCloseable {
    private final Path folder;
    private final Database database;
    private final LoadResult load;

    private ProductsDatabase(Path folder, Database database, LoadResult load) {
        this.folder = folder;
        this.database = database;
        this.load = load;
    }

    /** Loads {@code csv} (rejected rows go to a rejects file beside the database); null = an empty database. */
    static ProductsDatabase load(Path csv) throws IOException {
        Path folder = Files.createTempDirectory("productflow-local-");
        try {
            Database database = Database.of("jdbc:sqlite:" + folder.resolve("products.db"));
            LoadResult load = csv == null ? null : new CsvLoader(database).load(csv, folder.resolve("products.rejects.csv"));
            return new ProductsDatabase(folder, database, load);
        } catch (RuntimeException e) {
            deleteRecursively(folder);
            throw e;
        }
    }

    Database database() {
        return database;
    }

    /** What the load did, or null without a CSV. */
    LoadResult load() {
        return load;
    }

    @Override
    public void close() throws IOException {
        deleteRecursively(folder);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
