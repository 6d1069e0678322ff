package com.productflow.extract.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.productflow.common.BadInputException;
import com.productflow.extract.TestProducts;
import com.productflow.extract.sql.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvLoaderTest {
    @TempDir
    Path dir;

    @Test
    void loadsNastyCsvRejectingBadRowsAndKeepingTheLastOfEachEan() throws Exception {
        List<String[]> rows = new ArrayList<>(TestProducts.ready(5));
        String[] multiline = TestProducts.fields(10, "created", "2024-05-20", "2024-05-20T10:00:00+02:00");
        multiline[25] = "Line one,\r\nline \"two\" & <three>\néàü — 100°";
        rows.add(multiline);
        String[] badEan = TestProducts.fields(11, "created", "2024-05-20", "2024-05-20T10:00:00Z");
        badEan[0] = badEan[0].substring(0, 12) + ((badEan[0].charAt(12) - '0' + 1) % 10);
        rows.add(badEan);
        String[] badDate = TestProducts.fields(12, "created", "2024-02-30", "2024-05-20T10:00:00Z");
        rows.add(badDate);
        String[] badPrice = TestProducts.fields(13, "created", "2024-05-20", "2024-05-20T10:00:00Z");
        badPrice[14] = "39,99";
        rows.add(badPrice);
        String[] badInstant = TestProducts.fields(14, "created", "2024-05-20", "2024-05-20 10:00");
        rows.add(badInstant);
        String[] replacement = TestProducts.fields(2, "shipped", "2024-05-21", "2024-05-21T00:00:00Z");
        rows.add(replacement);
        Path csv = TestProducts.write(dir.resolve("products.csv"), rows);
        // A row with too few fields, appended by hand.
        Files.writeString(csv, Files.readString(csv) + "5700000000994,only,three\r\n");
        byte[] withBom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Files.readAllBytes(csv));
        Files.write(csv, withBom);

        Database db = Database.of("jdbc:sqlite:" + dir.resolve("p.db"));
        LoadResult result = new CsvLoader(db).load(csv, CsvLoader.defaultRejectsFile(csv));

        assertThat(result.rows()).isEqualTo(12);
        assertThat(result.rejected()).isEqualTo(5);
        assertThat(result.duplicates()).isEqualTo(1);
        assertThat(result.loaded()).isEqualTo(6);
        assertThat(count(db, "SELECT COUNT(*) FROM products")).isEqualTo(6);
        assertThat(text(db, "SELECT \"articleStatus\" || '|' || \"b2bReadinessDate\" FROM products WHERE ean = '" + TestProducts.ean(2) + "'"))
                .isEqualTo("shipped|2024-05-21");
        assertThat(text(db, "SELECT \"ediDescription\" FROM products WHERE ean = '" + TestProducts.ean(10) + "'"))
                .isEqualTo(multiline[25]);
        assertThat(text(db, "SELECT \"lastUpdated\" FROM products WHERE ean = '" + TestProducts.ean(10) + "'"))
                .isEqualTo("2024-05-20T08:00:00.000000Z");
        assertThat(text(db, "SELECT price_eur FROM products WHERE ean = '" + TestProducts.ean(0) + "'")).isEqualTo("39.99");
        assertThat(count(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'products_status_%'")).isEqualTo(2);

        String rejects = Files.readString(result.rejectsFile(), StandardCharsets.UTF_8);
        assertThat(rejects).startsWith("line,column,reason,record\r\n");
        // The multi-line record spans lines 7-9, so the bad EAN row is on physical line 10.
        assertThat(rejects).contains("10,\"ean\",\"EAN check digit is");
        assertThat(rejects).contains("11,\"b2bReadinessDate\",");
        assertThat(rejects).contains("12,\"price_eur\",\"'39,99' is not a decimal such as 39.99\"");
        assertThat(rejects).contains("13,\"lastUpdated\",");
        assertThat(rejects).contains("15,\"\",\"expected 26 fields as in the header, got 3\",\"5700000000994,only,three\"");
        assertThat(rejects).contains(TestProducts.line(badPrice).replace("\"", "\"\""));
    }

    @Test
    void theLastRowOfAnEanWinsWithinAndAcrossMultiRowStatements() throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // EANs repeat every 10 rows: each appears 10 times, in the same and in different statements.
            String[] row = TestProducts.fields(i % 10, "created", "2024-05-20", "2024-05-20T10:00:00Z");
            row[4] = "colour-" + i;
            rows.add(row);
        }
        Path csv = TestProducts.write(dir.resolve("dups.csv"), rows);
        Database db = Database.of("jdbc:sqlite:" + dir.resolve("p.db"));

        LoadResult result = new CsvLoader(db).load(csv, dir.resolve("r.csv"));

        assertThat(result.loaded()).isEqualTo(10);
        assertThat(result.duplicates()).isEqualTo(90);
        for (int e = 0; e < 10; e++) {
            assertThat(text(db, "SELECT color FROM products WHERE ean = '" + TestProducts.ean(e) + "'")).isEqualTo("colour-" + (90 + e));
        }
        assertThat(text(db, "SELECT typeof(color) FROM products LIMIT 1")).isEqualTo("text");
    }

    @Test
    void aHeaderWithoutARequiredColumnIsRejectedByName() throws Exception {
        Path csv = dir.resolve("p.csv");
        Files.writeString(csv, TestProducts.HEADER.replace(",lastUpdated", "").replace(",gender", "") + "\n");
        Database db = Database.of("jdbc:sqlite:" + dir.resolve("p.db"));
        assertThatThrownBy(() -> new CsvLoader(db).load(csv, dir.resolve("r.csv")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("line 1: the header lacks required columns gender, lastUpdated");
        assertThat(dir.resolve("p.db")).doesNotExist();
    }

    @Test
    void aFailedLoadLeavesStoredRowsAndNoRejectsFileBehind() throws Exception {
        Database db = Database.of("jdbc:sqlite:" + dir.resolve("p.db"));
        Path good = TestProducts.write(dir.resolve("good.csv"), TestProducts.ready(3));
        assertThat(new CsvLoader(db).load(good, dir.resolve("r.csv")).loaded()).isEqualTo(3);

        // A bad row (goes to rejects), new rows, then a quote that never closes: the whole load must fail.
        List<String[]> rows = new ArrayList<>(TestProducts.ready(10));
        rows.get(0)[0] = "123";
        Path bad = TestProducts.write(dir.resolve("bad.csv"), rows);
        Files.writeString(bad, Files.readString(bad) + "\"" + "x".repeat(5000));
        assertThatThrownBy(() -> new CsvLoader(db, 1000).load(bad, dir.resolve("r.csv")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("line 12");

        assertThat(count(db, "SELECT COUNT(*) FROM products")).isEqualTo(3);
        assertThat(dir.resolve("r.csv")).doesNotExist();
        assertThat(dir.resolve("r.csv.partial")).doesNotExist();
    }

    @Test
    void aNewDatabaseFileGetsLargePagesAndAnExistingOneKeepsItsOwn() throws Exception {
        Path csv = TestProducts.write(dir.resolve("p.csv"), TestProducts.ready(20));
        Database fresh = Database.of("jdbc:sqlite:" + dir.resolve("new.db"));
        new CsvLoader(fresh).load(csv, dir.resolve("r1.csv"));
        assertThat(count(fresh, "PRAGMA page_size")).isEqualTo(16384);
        assertThat(count(fresh, "SELECT COUNT(*) FROM products")).isEqualTo(20);

        // A database that already holds something (here another table, 4 KiB pages) is loaded as it is.
        Database existing = Database.of("jdbc:sqlite:" + dir.resolve("old.db"));
        try (Connection c = existing.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE other (x TEXT)");
            s.execute("INSERT INTO other VALUES ('kept')");
            c.commit();
        }
        new CsvLoader(existing).load(csv, dir.resolve("r2.csv"));
        assertThat(count(existing, "PRAGMA page_size")).isEqualTo(4096);
        assertThat(count(existing, "SELECT COUNT(*) FROM products")).isEqualTo(20);
        assertThat(text(existing, "SELECT x FROM other")).isEqualTo("kept");
        assertThat(text(existing, "PRAGMA integrity_check")).isEqualTo("ok");
    }

    @Test
    void invalidUtf8IsBadInput() throws Exception {
        Path csv = dir.resolve("p.csv");
        Files.write(csv, concat((TestProducts.HEADER + "\n").getBytes(StandardCharsets.UTF_8), new byte[] {'5', (byte) 0xC3, '(', '\n'}));
        Database db = Database.of("jdbc:sqlite:" + dir.resolve("p.db"));
        assertThatThrownBy(() -> new CsvLoader(db).load(csv, dir.resolve("r.csv")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("p.csv: the record starting on line 2 is not valid UTF-8");
        assertThat(dir.resolve("p.db")).doesNotExist();
    }

    static long count(Database db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    static String text(Database db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
