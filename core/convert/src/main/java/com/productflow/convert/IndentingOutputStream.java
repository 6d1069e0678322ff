package com.productflow.convert;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Pretty-prints the converter's XML on its way out: each element on its own line, indented two
 * spaces per level; an element holding text stays on one line with its text untouched. It relies on
 * what the converter guarantees: {@code <} and {@code >} are markup only (escaped in text and
 * attributes), containers hold elements only, and the only whitespace it writes between tags is the
 * newline after the prologue, the root's start tag and each record (replaced here by the
 * indentation). Whitespace that is an element's whole text ({@code <a>\n</a>}) is text, and kept.
 */
final class IndentingOutputStream extends FilterOutputStream {
    private static final int MAX_PENDING = 1 << 12;

    /** Whitespace after a tag: formatting, or the start of a text; decided at the next tag or text. */
    private final byte[] pending = new byte[MAX_PENDING];
    private int pendingLength;
    private boolean afterLt;
    private boolean inTag;
    private boolean tagIsClose;
    private boolean tagIsSpecial;
    private int lastInTag;
    /** The last tag was a start tag (its element may hold text). */
    private boolean afterOpen;
    /** Text has been written since the last tag. */
    private boolean text;
    private int depth;
    private boolean first = true;

    IndentingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public void write(int b) throws IOException {
        if (afterLt) {
            afterLt = false;
            beginTag(b);
            return;
        }
        if (inTag) {
            out.write(b);
            if (b == '>') {
                endTag();
            }
            lastInTag = b;
            return;
        }
        if (b == '<') {
            afterLt = true;
            return;
        }
        boolean whitespace = b == '\n' || b == ' ' || b == '\t' || b == '\r';
        if (!text && whitespace && pendingLength < MAX_PENDING) {
            pending[pendingLength++] = (byte) b;
            return;
        }
        flushPending();
        text = true;
        out.write(b);
    }

    private void beginTag(int c) throws IOException {
        tagIsClose = c == '/';
        tagIsSpecial = c == '?' || c == '!';
        if (text || (tagIsClose && afterOpen)) {
            flushPending(); // the element's text (possibly only whitespace) ends here
        } else {
            pendingLength = 0;
            if (!first) {
                out.write('\n');
                int level = tagIsClose ? depth - 1 : depth;
                for (int i = 0; i < level; i++) {
                    out.write(' ');
                    out.write(' ');
                }
            }
        }
        first = false;
        inTag = true;
        lastInTag = c;
        out.write('<');
        out.write(c);
    }

    private void endTag() {
        inTag = false;
        text = false;
        if (tagIsSpecial || lastInTag == '/') {
            afterOpen = false;
        } else if (tagIsClose) {
            depth--;
            afterOpen = false;
        } else {
            depth++;
            afterOpen = true;
        }
    }

    private void flushPending() throws IOException {
        if (pendingLength > 0) {
            out.write(pending, 0, pendingLength);
            pendingLength = 0;
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Writes what is held back (the document's final newline) and flushes; does not close the target. */
    void finish() throws IOException {
        flushPending();
        out.flush();
    }
}
