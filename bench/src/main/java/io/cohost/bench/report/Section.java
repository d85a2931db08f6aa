package io.cohost.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark's part of BENCHMARKS.md: what it measures and how, its tables, and the headline
 * it contributes to the summary table at the top.
 */
public final class Section {
    private final String id;
    private final String title;
    private final List<String> parts = new ArrayList<>();
    private final List<String> headlines = new ArrayList<>();

    public Section(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** A paragraph of Markdown. */
    public Section text(String markdown) {
        parts.add(markdown.strip() + "\n");
        return this;
    }

    public Section table(Table table) {
        parts.add(table.markdown());
        return this;
    }

    /** A row of the summary table: the figure, the result, and the project's aim for it. */
    public Section headline(String figure, String result, String aim) {
        headlines.add("| " + figure + " | " + result + " | " + aim + " |");
        return this;
    }

    public List<String> headlines() {
        return headlines;
    }

    public String markdown(RunInfo run) {
        StringBuilder sb = new StringBuilder();
        sb.append("## ").append(title).append("\n\n");
        sb.append(run.markdown()).append("\n\n");
        for (String p : parts) {
            sb.append(p).append('\n');
        }
        for (String h : headlines) {
            sb.append(ResultsFile.HEADLINE_PREFIX).append(h).append(" -->\n");
        }
        return sb.toString();
    }
}
