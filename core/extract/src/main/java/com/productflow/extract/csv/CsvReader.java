package com.productflow.extract.csv;

import com.productflow.common.BadInputException;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: comma-separated, fields optionally in double quotes, a doubled quote
 * inside quotes is one quote, quoted fields may hold commas and line breaks; records end with CRLF,
 * LF or CR; a leading UTF-8 byte order mark is skipped; blank lines are skipped.
 *
 * <p>Hand-written rather than taken from commons-csv or jackson-dataformat-csv because a reject must
 * quote the record exactly as it was in the file, and name the physical line it started on (which
 * differs from the record number once fields hold line breaks); neither library exposes the raw text
 * of a record. The state machine is small and tested on its own ({@code CsvReaderTest}).
 *
 * <p>A record that breaks the format (text after a closing quote, a quote left open at the end of the
 * file) is still returned, with {@link CsvRecord#problem()} saying what is wrong, so the caller can
 * reject it and go on. A record longer than {@code maxRecordChars} stops the read with a
 * {@link BadInputException}: that is almost always a quote never closed, and buffering the rest of a
 * large file to find out would exhaust memory.
 */
public final class CsvReader implements Closeable {
    private static final char QUOTE = '"';
    private static final char COMMA = ',';

    private final Reader in;
    private final String source;
    private final int maxRecordChars;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;

    /** The raw text of the current record that was already pushed out of {@link #buf} by a refill. */
    private final StringBuilder spill = new StringBuilder();
    private int recordStart;
    private int recordChars;
    private long line = 1;
    private long recordLine;
    private final StringBuilder field = new StringBuilder();

    public CsvReader(Reader in, String source, int maxRecordChars) {
        this.in = in;
        this.source = source;
        this.maxRecordChars = maxRecordChars;
    }

    /** The next record, or null at the end of the input. */
    public CsvRecord next() throws IOException {
        if (!started) {
            started = true;
            if (fill() && buf[pos] == '\uFEFF') {
                pos++;
            }
        }
        skipBlankLines();
        if (pos >= limit && !fill()) {
            return null;
        }
        long startLine = line;
        recordLine = line;
        recordStart = pos;
        recordChars = 0;
        spill.setLength(0);
        List<String> fields = new ArrayList<>(32);
        String problem = null;
        while (true) {
            // At the start of a field.
            field.setLength(0);
            int c = peek();
            boolean endOfRecord;
            if (c == QUOTE) {
                pos++;
                long openedOn = line;
                boolean closed = false;
                while (true) {
                    c = read();
                    if (c < 0) {
                        break;
                    }
                    if (c == QUOTE) {
                        if (peek() == QUOTE) {
                            pos++;
                            field.append(QUOTE);
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        if (c == '\n' || (c == '\r' && peek() != '\n')) {
                            line++;
                        }
                        field.append((char) c);
                    }
                }
                if (!closed && problem == null) {
                    problem = "quoted field opened on line " + openedOn + " is never closed";
                }
                // After the closing quote only a comma or the end of the record may follow.
                c = peek();
                if (c != COMMA && c != '\r' && c != '\n' && c >= 0) {
                    if (problem == null) {
                        problem = "unexpected character '" + (char) c + "' after a closing quote in field " + (fields.size() + 1);
                    }
                    readUnquotedRest();
                }
            } else {
                readUnquotedRest();
            }
            fields.add(field.toString());
            c = peek();
            if (c == COMMA) {
                pos++;
                endOfRecord = false;
            } else {
                endOfRecord = true;
            }
            if (endOfRecord) {
                break;
            }
        }
        String raw = rawText();
        consumeLineEnd();
        return new CsvRecord(startLine, fields, raw, problem);
    }

    /** Reads unquoted characters up to a comma or line end; a stray quote is kept as a character. */
    private void readUnquotedRest() throws IOException {
        while (true) {
            int start = pos;
            while (pos < limit) {
                char ch = buf[pos];
                if (ch == COMMA || ch == '\n' || ch == '\r') {
                    break;
                }
                pos++;
            }
            field.append(buf, start, pos - start);
            recordChars += pos - start;
            checkSize();
            if (pos < limit || !fill()) {
                return;
            }
        }
    }

    private void skipBlankLines() throws IOException {
        while (true) {
            if (pos >= limit && !fill()) {
                return;
            }
            char ch = buf[pos];
            if (ch == '\n') {
                pos++;
                line++;
            } else if (ch == '\r') {
                pos++;
                if (peek() == '\n') {
                    pos++;
                }
                line++;
            } else {
                return;
            }
        }
    }

    private void consumeLineEnd() throws IOException {
        int c = peek();
        if (c == '\r') {
            pos++;
            if (peek() == '\n') {
                pos++;
            }
            line++;
        } else if (c == '\n') {
            pos++;
            line++;
        }
    }

    private String rawText() {
        if (spill.length() == 0) {
            return new String(buf, recordStart, pos - recordStart);
        }
        spill.append(buf, recordStart, pos - recordStart);
        return spill.toString();
    }

    private int peek() throws IOException {
        if (pos >= limit && !fill()) {
            return -1;
        }
        return buf[pos];
    }

    private int read() throws IOException {
        if (pos >= limit && !fill()) {
            return -1;
        }
        recordChars++;
        checkSize();
        return buf[pos++];
    }

    private void checkSize() {
        if (recordChars > maxRecordChars) {
            throw new BadInputException(source + ": the record starting on line " + recordLine + " is longer than "
                    + maxRecordChars + " characters (a quote never closed?)");
        }
    }

    /** Refills the buffer, keeping the current record's text so far in {@link #spill}. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (recordStart < limit) {
            spill.append(buf, recordStart, limit - recordStart);
        }
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        pos = 0;
        recordStart = 0;
        if (n < 0) {
            limit = 0;
            eof = true;
            return false;
        }
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
