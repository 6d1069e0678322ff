package com.productflow.extract;

import com.productflow.common.Ean13;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** Builds product CSV text for tests: valid rows by default, any field overridable, nasty text included. */
public final class TestProducts {
    public static final String HEADER = String.join(",", ProductColumn.ALL.stream().map(ProductColumn::name).toList());

    private TestProducts() {}

    /** A valid EAN-13 derived from n (prefix 57, then n zero-padded, then the check digit). */
    public static String ean(long n) {
        String first12 = String.format("57%010d", n);
        return first12 + Ean13.checkDigit(first12);
    }

    /** The fields of a valid product; readiness date, status and lastUpdated as given. */
    public static String[] fields(long n, String status, String readiness, String lastUpdated) {
        String[] f = new String[ProductColumn.ALL.size()];
        f[0] = ean(n);
        f[1] = "1605" + (n % 10000);
        f[2] = "001";
        f[3] = "M";
        f[4] = "Black";
        f[5] = "Brand & Co";
        f[6] = "B1";
        f[7] = "Sub";
        f[8] = "Tops";
        f[9] = "T-shirts";
        f[10] = "Women";
        f[11] = "SS24";
        f[12] = "Style " + n;
        f[13] = "BD";
        f[14] = "39.99";
        f[15] = "44.50";
        f[16] = "35.00";
        f[17] = "49.99";
        f[18] = readiness;
        f[19] = status;
        f[20] = "enriched";
        f[21] = "2024-01-01T00:00:00Z";
        f[22] = lastUpdated;
        f[23] = "95% cotton, 5% elastane";
        f[24] = "Wash at 30°";
        f[25] = "Soft tee — \"classic\" fit";
        return f;
    }

    public static String line(String[] fields) {
        StringJoiner j = new StringJoiner(",");
        for (String f : fields) {
            j.add(csv(f));
        }
        return j.toString();
    }

    public static String csv(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    /** n valid products, all 'created', ready on 2024-05-20, lastUpdated spread over seconds. */
    public static List<String[]> ready(int n) {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(fields(i, "created", "2024-05-20", String.format("2024-05-20T10:%02d:%02dZ", (i / 60) % 60, i % 60)));
        }
        return rows;
    }

    public static Path write(Path file, List<String[]> rows) {
        StringBuilder text = new StringBuilder(HEADER).append("\r\n");
        for (String[] row : rows) {
            text.append(line(row)).append("\r\n");
        }
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
