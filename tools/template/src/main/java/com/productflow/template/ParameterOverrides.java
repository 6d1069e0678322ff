package com.productflow.template;

import com.productflow.common.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SAM's {@code --parameter-overrides}: one or more words, each {@code Key=Value} (what
 * {@code terraform/sam-overrides.sh} prints) or {@code ParameterKey=Key,ParameterValue=Value}. A word
 * may hold several pairs separated by spaces, as when the whole list is quoted as one argument;
 * a value may be quoted ({@code Key="a b"}).
 */
public final class ParameterOverrides {
    private static final Pattern LONG_FORM = Pattern.compile("ParameterKey=([A-Za-z0-9]+),ParameterValue=(.*)", Pattern.DOTALL);
    private static final Pattern SHORT_FORM = Pattern.compile("([A-Za-z0-9]+)=(.*)", Pattern.DOTALL);

    private ParameterOverrides() {}

    /** The overrides in the order given; a later word for the same key wins, as in SAM. */
    public static Map<String, String> parse(List<String> words) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String word : words) {
            for (String token : tokens(word)) {
                Matcher m = LONG_FORM.matcher(token);
                if (!m.matches()) {
                    m = SHORT_FORM.matcher(token);
                }
                if (!m.matches()) {
                    throw new BadInputException("--parameter-overrides: '" + token + "' is neither Key=Value nor"
                            + " ParameterKey=Key,ParameterValue=Value");
                }
                values.put(m.group(1), unquote(m.group(2)));
            }
        }
        return values;
    }

    /** Splits on spaces outside double quotes (quotes kept, removed by {@link #unquote}). */
    private static List<String> tokens(String word) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (Character.isWhitespace(c) && !quoted) {
                if (!current.isEmpty()) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw new BadInputException("--parameter-overrides: unbalanced quote in '" + word + "'");
        }
        if (!current.isEmpty()) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
