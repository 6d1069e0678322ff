package com.productflow.checks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern HEREDOC = Pattern.compile("<<-?([A-Za-z_][A-Za-z0-9_]*)\\s*$");

    /**
     * Checks that braces, brackets and parentheses outside strings, comments and heredocs are
     * balanced. hcl4j accepts a truncated file (an unclosed block) without complaint and returns a
     * partial tree, which would let a check pass on half a file; this catches that case.
     *
     * @return a message naming the line of the first problem, or empty when balanced
     */
    public static Optional<String> unbalanced(String text) {
        List<String> lines = withoutComments(text);
        Deque<int[]> open = new ArrayDeque<>(); // {char, line}
        String heredocEnd = null;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (heredocEnd != null) {
                if (line.strip().equals(heredocEnd)) {
                    heredocEnd = null;
                }
                continue;
            }
            boolean inString = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (inString) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        inString = false;
                    }
                    continue;
                }
                switch (c) {
                    case '"' -> inString = true;
                    case '{', '[', '(' -> open.push(new int[] {c, n + 1});
                    case '}', ']', ')' -> {
                        char expected = c == '}' ? '{' : c == ']' ? '[' : '(';
                        if (open.isEmpty() || open.peek()[0] != expected) {
                            return Optional.of("line " + (n + 1) + ": unexpected '" + c + "'");
                        }
                        open.pop();
                    }
                    default -> { }
                }
            }
            if (inString) {
                return Optional.of("line " + (n + 1) + ": unterminated string");
            }
            Matcher heredoc = HEREDOC.matcher(line);
            if (heredoc.find()) {
                heredocEnd = heredoc.group(1);
            }
        }
        if (heredocEnd != null) {
            return Optional.of("heredoc " + heredocEnd + " is not closed");
        }
        if (!open.isEmpty()) {
            int[] first = open.peek();
            return Optional.of("line " + first[1] + ": '" + (char) first[0] + "' is never closed");
        }
        return Optional.empty();
    }
}
