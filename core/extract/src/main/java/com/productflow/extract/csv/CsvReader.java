package com.productflow.extract.csv;

import com.productflow.common.BadInputException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A streaming RFC 4180 reader of UTF-8 bytes: comma-separated, fields optionally in double quotes, a
 * doubled quote inside quotes is one quote, quoted fields may hold commas and line breaks; records end
 * with CRLF, LF or CR; a leading UTF-8 byte order mark is skipped; blank lines are skipped.
 *
 * <p>Hand-written rather than taken from commons-csv or jackson-dataformat-csv because a reject must
 * quote the record exactly as it was in the file, and name the physical line it started on (which
 * differs from the record number once fields hold line breaks); neither library exposes the raw text
 * of a record. It works on bytes (the separators are ASCII, so UTF-8 needs no decoding to split) and
 * decodes each field once with the JDK's intrinsic UTF-8 path: about twice as fast as a Reader.
 * Invalid UTF-8 stops the read with a {@link MalformedInputException} naming the line.
 *
 * <p>A record that breaks the format (text after a closing quote, a quote left open at the end of the
 * file) is still returned, with {@link CsvRecord#problem()} saying what is wrong, so the caller can
 * reject it and go on. A record longer than {@code maxRecordBytes} stops the read with a
 * {@link BadInputException}: that is almost always a quote never closed, and buffering the rest of a
 * large file to find out would exhaust memory.
 */
public final class CsvReader implements Closeable {
    private static final byte QUOTE = '"';
    private static final byte COMMA = ',';
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final InputStream in;
    private final String source;
    private final int maxRecordBytes;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;

    /** The raw bytes of the current record that a refill already pushed out of {@link #buf}. */
    private byte[] spill = new byte[1024];
    private int spillLength;
    private int recordStart;
    private int recordBytes;
    private long line = 1;
    private long recordLine;
    private byte[] field = new byte[256];
    private int fieldLength;
    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    public CsvReader(InputStream in, String source, int maxRecordBytes) {
        this.in = in;
        this.source = source;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** The next record, or null at the end of the input. */
    public CsvRecord next() throws IOException {
        if (!started) {
            started = true;
            if (fill() && limit >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
                pos = 3;
            }
        }
        skipBlankLines();
        if (pos >= limit && !fill()) {
            return null;
        }
        recordLine = line;
        recordStart = pos;
        recordBytes = 0;
        spillLength = 0;
        List<String> fields = new ArrayList<>(32);
        String problem = null;
        while (true) {
            fieldLength = 0;
            if (peek() == QUOTE) {
                pos++;
                long openedOn = line;
                if (!readQuoted()) {
                    problem = "quoted field opened on line " + openedOn + " is never closed";
                }
                // After the closing quote only a comma or the end of the record may follow.
                int c = peek();
                if (c != COMMA && c != CR && c != LF && c >= 0) {
                    if (problem == null) {
                        problem = "unexpected character '" + (char) c + "' after a closing quote in field " + (fields.size() + 1);
                    }
                    readUnquoted();
                }
            } else {
                readUnquoted();
            }
            fields.add(fieldText());
            if (peek() == COMMA) {
                pos++;
            } else {
                break;
            }
        }
        byte[] raw = rawBytes();
        consumeLineEnd();
        return new CsvRecord(recordLine, fields, raw, problem);
    }

    /** Reads a quoted field's content up to its closing quote; false when the input ended first. */
    private boolean readQuoted() throws IOException {
        try {
            while (true) {
                int start = pos;
                while (pos < limit && buf[pos] != QUOTE) {
                    pos++;
                }
                append(start, pos);
                if (pos < limit) {
                    // At a quote: a doubled quote is one quote of content, else the field ends here.
                    pos++;
                    if (peek() == QUOTE) {
                        pos++;
                        appendByte(QUOTE);
                        continue;
                    }
                    return true;
                }
                if (!fill()) {
                    return false;
                }
            }
        } finally {
            countLineBreaksInField();
        }
    }

    /** Line breaks inside a quoted field still move the physical line: CRLF, LF and a lone CR count once. */
    private void countLineBreaksInField() {
        for (int i = 0; i < fieldLength; i++) {
            byte b = field[i];
            if (b == LF || (b == CR && (i + 1 == fieldLength || field[i + 1] != LF))) {
                line++;
            }
        }
    }

    /** Reads unquoted bytes up to a comma or line end; a stray quote is kept as a character. */
    private void readUnquoted() throws IOException {
        while (true) {
            int start = pos;
            while (pos < limit) {
                byte b = buf[pos];
                if (b == COMMA || b == LF || b == CR) {
                    break;
                }
                pos++;
            }
            append(start, pos);
            if (pos < limit || !fill()) {
                return;
            }
        }
    }

    private void append(int from, int to) {
        int n = to - from;
        if (n == 0) {
            return;
        }
        recordBytes += n;
        if (recordBytes > maxRecordBytes) {
            throw new BadInputException(source + ": the record starting on line " + recordLine + " is longer than "
                    + maxRecordBytes + " bytes (a quote never closed?)");
        }
        if (fieldLength + n > field.length) {
            field = Arrays.copyOf(field, Math.max(field.length * 2, fieldLength + n));
        }
        System.arraycopy(buf, from, field, fieldLength, n);
        fieldLength += n;
    }

    private void appendByte(byte b) {
        if (fieldLength == field.length) {
            field = Arrays.copyOf(field, field.length * 2);
        }
        field[fieldLength++] = b;
    }

    /** The field as a String; a field with non-ASCII bytes is checked to be valid UTF-8. */
    private String fieldText() throws CharacterCodingException {
        String text = new String(field, 0, fieldLength, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            // Either a real U+FFFD or invalid bytes the decoder replaced: only a strict decode can tell.
            try {
                strict.reset().decode(ByteBuffer.wrap(field, 0, fieldLength));
            } catch (CharacterCodingException e) {
                throw new MalformedUtf8Exception(source, recordLine);
            }
        }
        return text;
    }

    private void skipBlankLines() throws IOException {
        while (true) {
            if (pos >= limit && !fill()) {
                return;
            }
            byte b = buf[pos];
            if (b == LF) {
                pos++;
                line++;
            } else if (b == CR) {
                pos++;
                if (peek() == LF) {
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
        if (c == CR) {
            pos++;
            if (peek() == LF) {
                pos++;
            }
            line++;
        } else if (c == LF) {
            pos++;
            line++;
        }
    }

    private byte[] rawBytes() {
        int n = pos - recordStart;
        byte[] raw = new byte[spillLength + n];
        System.arraycopy(spill, 0, raw, 0, spillLength);
        System.arraycopy(buf, recordStart, raw, spillLength, n);
        return raw;
    }

    private int peek() throws IOException {
        if (pos >= limit && !fill()) {
            return -1;
        }
        return buf[pos];
    }

    /** Refills the buffer, keeping the current record's bytes so far in {@link #spill}. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int keep = limit - recordStart;
        if (keep > 0) {
            if (spillLength + keep > spill.length) {
                spill = Arrays.copyOf(spill, Math.max(spill.length * 2, spillLength + keep));
            }
            System.arraycopy(buf, recordStart, spill, spillLength, keep);
            spillLength += keep;
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

    /** Invalid UTF-8 in a record: names the file and the line the record starts on. */
    public static final class MalformedUtf8Exception extends CharacterCodingException {
        private final String message;

        MalformedUtf8Exception(String source, long line) {
            this.message = source + ": the record starting on line " + line + " is not valid UTF-8";
        }

        @Override
        public String getMessage() {
            return message;
        }
    }
}
