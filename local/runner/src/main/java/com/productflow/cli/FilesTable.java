package com.productflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productflow.common.json.SummaryLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The human form of {@code files list} and {@code files show}: the same fields as their JSON line, as an aligned table
 * (list) or as labelled blocks per record (show). Rendered from the JSON line itself, so both forms always agree.
 */
final class FilesTable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ERROR_WIDTH = 60;

    private FilesTable() {}

    static String list(SummaryLine line) {
        JsonNode root = parse(line);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"STATUS", "ATTEMPTS", "RECORDS", "UPDATED", "FILE", "LAST ERROR"});
        for (JsonNode f : root.path("files")) {
            rows.add(new String[] {f.path("status").asText(), f.path("attempts").asText() + "/" + f.path("maxAttempts").asText(),
                f.path("records").asText(""), f.path("updatedAt").asText(), f.path("bucket").asText() + "/" + f.path("key").asText(),
                shorten(f.path("lastError").isMissingNode() ? "" : f.path("lastError").path("type").asText() + ": " + f.path("lastError").path("message").asText())});
        }
        StringBuilder out = new StringBuilder(align(rows));
        out.append(root.path("count").asInt()).append(" file(s) in ").append(root.path("table").asText());
        if (root.path("truncated").asBoolean()) {
            out.append(" (more: raise --limit)");
        }
        if (root.hasNonNull("next")) {
            out.append(" (more: --cursor ").append(root.path("next").asText()).append(')');
        }
        return out.append('\n').toString();
    }

    static String show(SummaryLine line) {
        JsonNode root = parse(line);
        StringBuilder out = new StringBuilder();
        out.append(root.path("file").asText()).append(" (").append(root.path("count").asInt()).append(" record(s) in ")
                .append(root.path("table").asText()).append(")\n");
        for (JsonNode v : root.path("versions")) {
            out.append('\n');
            block(out, v, "  ");
        }
        return out.toString();
    }

    private static void block(StringBuilder out, JsonNode node, String indent) {
        int width = 0;
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            width = Math.max(width, names.next().length());
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            out.append(indent).append(String.format("%-" + width + "s  ", field.getKey()));
            if (field.getValue().isObject()) {
                out.append('\n');
                block(out, field.getValue(), indent + "  ");
            } else {
                out.append(field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString()).append('\n');
            }
        }
    }

    private static String align(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= ERROR_WIDTH ? oneLine : oneLine.substring(0, ERROR_WIDTH - 1) + "…";
    }

    private static JsonNode parse(SummaryLine line) {
        try {
            return JSON.readTree(line.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
