package io.cohost.bench.report;

import java.util.ArrayList;
import java.util.List;

/** A Markdown table. */
public final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... header) {
        this.header = List.of(header);
    }

    public Table row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, the table has " + header.size() + " columns: " + header);
        }
        rows.add(List.of(cells));
        return this;
    }

    /** A row that says the figure cannot be measured yet, and why, instead of a number. */
    public Table pendingRow(String first, String reason) {
        String[] cells = new String[header.size()];
        cells[0] = first;
        for (int i = 1; i < cells.length; i++) {
            cells[i] = i == 1 ? "not measured yet — " + reason : "";
        }
        return row(cells);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder();
        line(sb, header);
        List<String> rule = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            rule.add(i == 0 ? "---" : "---:");
        }
        line(sb, rule);
        rows.forEach(r -> line(sb, r));
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells) {
        sb.append('|');
        for (String c : cells) {
            sb.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        sb.append('\n');
    }
}
