package com.productflow.local;

import com.productflow.extract.load.LoadResult;
import com.productflow.extract.sql.SqlDialect;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The products the extract function must publish, computed here independently of it: the same CSV loaded into
 * a SQLite of its own, selected with the function's settings (ARTICLE_STATUS, DEFAULT_DAYS_BACK, EXTRACT_MODE)
 * and the same "today". The demo and the crash campaign compare the topic with it.
 *
 * @param eans   the EANs of the selected products
 * @param load   what loading the CSV did
 * @param status the article status selected
 * @param daysBack how many days before {@code today} the readiness window starts
 */
public record ExtractSelection(Set<String> eans, LoadResult load, LocalDate today, String status, int daysBack) {

    /** Selects from {@code csv} as the extract function with environment {@code env} does on {@code today}. */
    public static ExtractSelection of(Path csv, Map<String, String> env, LocalDate today) throws IOException {
        String status = env.getOrDefault("ARTICLE_STATUS", "created");
        int daysBack = Integer.parseInt(env.getOrDefault("DEFAULT_DAYS_BACK", "30"));
        boolean incremental = "incremental".equalsIgnoreCase(env.getOrDefault("EXTRACT_MODE", "incremental"));
        Set<String> expected = new HashSet<>();
        try (ProductsDatabase products = ProductsDatabase.load(csv);
                Connection connection = products.database().connect();
                PreparedStatement query = connection.prepareStatement("SELECT \"ean\" FROM " + SqlDialect.TABLE
                        + " WHERE \"articleStatus\" = ? AND \"b2bReadinessDate\" >= ?"
                        + (incremental ? " AND \"lastUpdated\" IS NOT NULL" : ""))) {
            query.setString(1, status);
            query.setString(2, today.minusDays(daysBack).toString());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    expected.add(rows.getString(1));
                }
            }
            return new ExtractSelection(Set.copyOf(expected), products.load(), today, status, daysBack);
        } catch (SQLException e) {
            throw new IOException("selecting the expected products from " + csv + ": " + e.getMessage(), e);
        }
    }

    /** The selection of the extract function of the template {@code options} name, as {@code local} runs it. */
    public static ExtractSelection of(LocalOptions options, LocalDate today) throws IOException {
        return of(options.productsCsv(), TemplateFunctions.resolve(options, LocalSystem.EXTRACT).environment(), today);
    }
}
