package com.productflow.extract.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.productflow.common.BadInputException;
import com.productflow.common.io.ShortReadInputStream;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    @Test
    void readsQuotesDoubledQuotesCommasAndLineBreaksInsideFields() throws IOException {
        String text = "\uFEFFa,b,c\r\n"
                + "1,\"x, y\",\"say \"\"hi\"\"\"\r\n"
                + "2,\"two\r\nlines\nhere\",é°—\r\n"
                + "3,,\"\"\n";
        List<CsvRecord> records = readAll(in(text), 1000);

        assertThat(records).extracting(CsvRecord::fields).containsExactly(
                List.of("a", "b", "c"),
                List.of("1", "x, y", "say \"hi\""),
                List.of("2", "two\r\nlines\nhere", "é°—"),
                List.of("3", "", ""));
        assertThat(records).extracting(CsvRecord::line).containsExactly(1L, 2L, 3L, 6L);
        assertThat(records.get(2).raw()).isEqualTo("2,\"two\r\nlines\nhere\",é°—");
        assertThat(records).allMatch(r -> r.problem() == null);
    }

    @Test
    void keepsTheRawTextOfRecordsThatSpanBufferRefills() throws IOException {
        // A stream that hands out 7 bytes at a time forces refills inside fields, quotes and characters.
        String big = "xé".repeat(35_000);
        String text = "h1,h2\n\"" + big + "\",\"q\"\"\"\nlast,row";
        List<CsvRecord> records = readAll(new ShortReadInputStream(text.getBytes(StandardCharsets.UTF_8), 7), 200_000);
        assertThat(records).hasSize(3);
        assertThat(records.get(1).fields()).containsExactly(big, "q\"");
        assertThat(records.get(1).raw()).isEqualTo("\"" + big + "\",\"q\"\"\"");
        assertThat(records.get(2).raw()).isEqualTo("last,row");
        assertThat(records.get(2).line()).isEqualTo(3);
    }

    @Test
    void skipsBlankLinesAndHandlesLoneCarriageReturns() throws IOException {
        List<CsvRecord> records = readAll(in("a\r\n\r\n\nb\rc\n\n"), 100);
        assertThat(records).extracting(r -> r.fields().get(0)).containsExactly("a", "b", "c");
        assertThat(records).extracting(CsvRecord::line).containsExactly(1L, 4L, 5L);
    }

    @Test
    void reportsTextAfterAClosingQuoteAndGoesOn() throws IOException {
        List<CsvRecord> records = readAll(in("\"ab\"cd,e\nok,1\n"), 100);
        assertThat(records.get(0).problem()).contains("after a closing quote in field 1");
        assertThat(records.get(0).raw()).isEqualTo("\"ab\"cd,e");
        assertThat(records.get(1).problem()).isNull();
        assertThat(records.get(1).fields()).containsExactly("ok", "1");
    }

    @Test
    void reportsAQuoteLeftOpenAtTheEnd() throws IOException {
        List<CsvRecord> records = readAll(in("a,b\n1,\"open\n2,3\n"), 100);
        assertThat(records).hasSize(2);
        assertThat(records.get(1).problem()).isEqualTo("quoted field opened on line 2 is never closed");
    }

    @Test
    void stopsOnARecordLongerThanTheLimitNamingItsLine() {
        String text = "a\nb\n\"" + "z".repeat(500);
        assertThatThrownBy(() -> readAll(in(text), 100))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("in.csv: the record starting on line 3 is longer than 100 bytes");
    }

    @Test
    void invalidUtf8StopsTheReadNamingTheLine() {
        byte[] bytes = {'a', '\n', 'b', ',', (byte) 0xC3, '(', '\n'};
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(bytes), 100))
                .isInstanceOf(CharacterCodingException.class)
                .hasMessage("in.csv: the record starting on line 2 is not valid UTF-8");
    }

    @Test
    void aRealReplacementCharacterIsNotMistakenForInvalidUtf8() throws IOException {
        assertThat(readAll(in("a,\uFFFD\n"), 100).get(0).fields()).containsExactly("a", "\uFFFD");
    }

    private static InputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<CsvRecord> readAll(InputStream in, int max) throws IOException {
        List<CsvRecord> out = new ArrayList<>();
        try (CsvReader reader = new CsvReader(in, "in.csv", max)) {
            CsvRecord r;
            while ((r = reader.next()) != null) {
                out.add(r);
            }
        }
        return out;
    }
}
