package com.productflow.cli;

import com.productflow.common.config.SettingsRegistry;
import com.productflow.common.config.SettingsSource;
import com.productflow.common.json.SummaryLine;
import com.productflow.extract.load.CsvLoader;
import com.productflow.extract.load.LoadResult;
import com.productflow.extract.sql.Database;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code productflow load-csv}: bulk-loads products.csv into SQLite or PostgreSQL. */
@Command(
        name = "load-csv",
        mixinStandardHelpOptions = true,
        description = {
            "Load products.csv into the products table (created with its indexes if missing).",
            "Invalid rows go to a rejects file; a repeated EAN replaces the earlier row.",
            "Prints {\"rows\":N,\"loaded\":N,\"rejected\":N,\"duplicates\":N,\"rejectsFile\":...,\"seconds\":S}."
        })
final class LoadCsvCommand implements Callable<Integer> {
    @Mixin
    SettingFlags flags;

    @Option(names = "--csv", descriptionKey = "CSV_FILE_PATH", paramLabel = "PATH", description = "The CSV file (setting CSV_FILE_PATH).")
    Path csv;

    @Option(names = "--db", descriptionKey = "DB_URL", paramLabel = "JDBC_URL", description = "jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB (setting DB_URL).")
    String db;

    @Option(names = "--rejects", descriptionKey = "LOAD_REJECTS_FILE", paramLabel = "PATH", description = "Where rejected rows go (setting LOAD_REJECTS_FILE; default CSV.rejects.csv).")
    Path rejects;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        SettingsSource settings = flags.settings();
        Path csvPath = Path.of(settings.get(SettingsRegistry.CSV_FILE_PATH));
        Path rejectsPath = settings.optional(SettingsRegistry.LOAD_REJECTS_FILE).map(Path::of).orElse(CsvLoader.defaultRejectsFile(csvPath));
        int maxRecord = settings.get(SettingsRegistry.CSV_MAX_RECORD_BYTES);
        Database database = ExtractCommand.database(settings);

        LoadResult result = new CsvLoader(database, maxRecord).load(csvPath, rejectsPath);
        System.out.println(new SummaryLine()
                .put("rows", result.rows())
                .put("loaded", result.loaded())
                .put("rejected", result.rejected())
                .put("duplicates", result.duplicates())
                .put("rejectsFile", result.rejectsFile() == null ? null : result.rejectsFile().toString())
                .seconds(start));
        return 0;
    }
}
