package com.productflow.pipeline.extract;

import com.productflow.extract.load.CsvLoader;
import com.productflow.extract.load.LoadResult;
import com.productflow.extract.sql.Database;
import com.productflow.storage.ObjectInfo;
import com.productflow.storage.ObjectLocation;
import com.productflow.storage.ObjectTransfers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prototype's source: the products CSV in S3 ({@code CSV_FILE_PATH=s3://bucket/key}) bulk-loaded
 * into SQLite under {@code /tmp}. A warm function reuses the database while the object's ETag is the
 * one it loaded, so only a changed CSV is downloaded and loaded again.
 */
public final class S3CsvSqliteSource implements SqlSource {
    private static final Logger LOG = LoggerFactory.getLogger(S3CsvSqliteSource.class);
    private final ObjectTransfers transfers;
    private final ObjectLocation csv;
    private final Path workDir;
    private String loadedEtag;

    public S3CsvSqliteSource(ObjectTransfers transfers, ObjectLocation csv, Path workDir) {
        this.transfers = transfers;
        this.csv = csv;
        this.workDir = workDir;
    }

    @Override
    public synchronized Database database() throws IOException {
        Path dbFile = workDir.resolve("products.db");
        Database database = Database.of("jdbc:sqlite:" + dbFile);
        ObjectInfo info = transfers.require(csv);
        if (info.eTag().equals(loadedEtag) && Files.exists(dbFile)) {
            return database;
        }
        Files.createDirectories(workDir);
        Files.deleteIfExists(dbFile);
        Path downloaded = transfers.downloadFile(csv, workDir.resolve("csv"));
        try {
            LoadResult loaded = new CsvLoader(database).load(downloaded, workDir.resolve("rejects.csv"));
            LOG.info("loaded {} of {} rows from {} ({} rejected, {} duplicates)", loaded.loaded(), loaded.rows(), csv, loaded.rejected(), loaded.duplicates());
        } finally {
            Files.deleteIfExists(downloaded);
        }
        loadedEtag = info.eTag();
        return database;
    }
}
