package com.productflow.convert;

import com.productflow.common.BadInputException;

/**
 * The input cannot be converted: malformed or truncated JSON, invalid UTF-8, a corrupt gzip stream,
 * a record that is not an object, a limit exceeded, or (strict mode) a character XML cannot carry.
 * The message ends with {@code at line L, column C, byte offset B, record index R}: line and column
 * are 1-based, the byte offset is 0-based in the JSON text (after gzip decompression), and the record
 * index is 0-based (the first product is record index 0). -1 means unknown.
 */
public class MalformedInputException extends BadInputException {
    private final long line;
    private final long column;
    private final long byteOffset;
    private final long recordIndex;

    public MalformedInputException(String reason, long line, long column, long byteOffset, long recordIndex, Throwable cause) {
        super(reason + " at line " + line + ", column " + column + ", byte offset " + byteOffset
                + ", record index " + recordIndex + " (0-based)", cause);
        this.line = line;
        this.column = column;
        this.byteOffset = byteOffset;
        this.recordIndex = recordIndex;
    }

    public long line() {
        return line;
    }

    public long column() {
        return column;
    }

    public long byteOffset() {
        return byteOffset;
    }

    public long recordIndex() {
        return recordIndex;
    }
}
