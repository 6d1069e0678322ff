package com.productflow.checks;

import java.util.ArrayList;
import java.util.List;

/** Text-level helpers for HCL files, for the checks that must see what was typed, not what it evaluates to. */
public final class HclText {
    private HclText() {
    }

    /**
     * The file's lines with comments blanked out ({@code #}, {@code //} and block comments),
     * keeping line numbers; comment markers inside quoted strings are left alone.
     */
    public static List<String> withoutComments(String text) {
        List<String> out = new ArrayList<>();
        boolean inBlockComment = false;
        for (String line : text.split("\r?\n", -1)) {
            StringBuilder kept = new StringBuilder();
            boolean inString = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                char next = i + 1 < line.length() ? line.charAt(i + 1) : '\0';
                if (inBlockComment) {
                    if (c == '*' && next == '/') {
                        inBlockComment = false;
                        i++;
                    }
                    continue;
                }
                if (inString) {
                    kept.append(c);
                    if (c == '\\' && next != '\0') {
                        kept.append(next);
                        i++;
                    } else if (c == '"') {
                        inString = false;
                    }
                    continue;
                }
                if (c == '#' || (c == '/' && next == '/')) {
                    break;
                }
                if (c == '/' && next == '*') {
                    inBlockComment = true;
                    i++;
                    continue;
                }
                if (c == '"') {
                    inString = true;
                }
                kept.append(c);
            }
            out.add(kept.toString());
        }
        return out;
    }
}
