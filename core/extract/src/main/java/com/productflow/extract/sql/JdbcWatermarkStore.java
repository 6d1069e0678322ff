package com.productflow.extract.sql;

import com.productflow.common.ProductflowException;
import com.productflow.common.watermark.Watermark;
import com.productflow.common.watermark.WatermarkStore;
import com.productflow.extract.IsoTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/**
 * Watermarks in a small table of the source database, {@code productflow_watermark}: one row per
 * stream, moved forward with a compare-and-set so two runs of the same stream cannot both advance it.
 * Instants are stored in the fixed-width text form of {@link IsoTime#canonical} on every engine.
 * Each call is its own short transaction on its own connection.
 */
public final class JdbcWatermarkStore implements WatermarkStore {
    static final String TABLE = "productflow_watermark";

    private final Database database;

    public JdbcWatermarkStore(Database database) {
        this.database = database;
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                    + " (stream TEXT PRIMARY KEY NOT NULL, last_updated TEXT NOT NULL, ean TEXT NOT NULL, updated_at TEXT NOT NULL)");
            c.commit();
        } catch (SQLException e) {
            throw new ProductflowException("cannot create " + TABLE + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Watermark> load(String stream) {
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement("SELECT last_updated, ean FROM " + TABLE + " WHERE stream = ?")) {
            s.setString(1, stream);
            try (ResultSet r = s.executeQuery()) {
                Optional<Watermark> found = r.next()
                        ? Optional.of(new Watermark(IsoTime.parseInstant(r.getString(1)), r.getString(2)))
                        : Optional.empty();
                c.commit();
                return found;
            }
        } catch (SQLException e) {
            throw new ProductflowException("cannot read the watermark of " + stream + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean advance(String stream, Optional<Watermark> expected, Watermark next) {
        String now = IsoTime.canonical(Instant.now());
        try (Connection c = database.connect()) {
            int changed;
            if (expected.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO " + TABLE
                        + " (stream, last_updated, ean, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (stream) DO NOTHING")) {
                    s.setString(1, stream);
                    s.setString(2, IsoTime.canonical(next.lastUpdated()));
                    s.setString(3, next.ean());
                    s.setString(4, now);
                    changed = s.executeUpdate();
                }
            } else {
                try (PreparedStatement s = c.prepareStatement("UPDATE " + TABLE
                        + " SET last_updated = ?, ean = ?, updated_at = ? WHERE stream = ? AND last_updated = ? AND ean = ?")) {
                    s.setString(1, IsoTime.canonical(next.lastUpdated()));
                    s.setString(2, next.ean());
                    s.setString(3, now);
                    s.setString(4, stream);
                    s.setString(5, IsoTime.canonical(expected.get().lastUpdated()));
                    s.setString(6, expected.get().ean());
                    changed = s.executeUpdate();
                }
            }
            c.commit();
            return changed == 1;
        } catch (SQLException e) {
            throw new ProductflowException("cannot advance the watermark of " + stream + ": " + e.getMessage(), e);
        }
    }
}
