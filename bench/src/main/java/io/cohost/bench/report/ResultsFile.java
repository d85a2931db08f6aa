package io.cohost.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BENCHMARKS.md: a fixed preamble, the machine, a summary table built from every section's headlines,
 * then one section per benchmark between {@code <!-- begin:ID -->} and {@code <!-- end:ID -->}. Running
 * one benchmark replaces its own section and leaves the others as they were, so each section carries
 * its own run details (date, load, JDK).
 */
public final class ResultsFile {
    static final String HEADLINE_PREFIX = "<!-- headline ";
    private static final Pattern SECTION = Pattern.compile("<!-- begin:([a-z0-9-]+) -->\\n(.*?)<!-- end:\\1 -->", Pattern.DOTALL);
    private static final Pattern HEADLINE = Pattern.compile("^<!-- headline (\\|.*\\|) -->$", Pattern.MULTILINE);

    /** A benchmark as the file lists it: its id, its title, and the command that runs it. */
    public record Entry(String id, String title, String command) {}

    private final Path file;
    private final List<Entry> entries;

    public ResultsFile(Path file, List<Entry> entries) {
        this.file = file;
        this.entries = List.copyOf(entries);
    }

    public Path path() {
        return file;
    }

    /** Writes {@code section} (measured as {@code run} says) into the file, keeping the other sections. */
    public void update(Section section, RunInfo run) throws IOException {
        Map<String, String> sections = existingSections();
        sections.put(section.id(), section.markdown(run));
        write(sections);
    }

    Map<String, String> existingSections() throws IOException {
        Map<String, String> sections = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            Matcher m = SECTION.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) {
                sections.put(m.group(1), m.group(2));
            }
        }
        return sections;
    }

    private void write(Map<String, String> sections) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# Cohost benchmarks\n\n");
        sb.append("""
                Written by `bench/run-all` (or one benchmark's own entry, e.g. `bench/density`, which rewrites only its
                section). See `bench/README.md` for how each figure is measured and how to rerun it. Every figure is
                the median over repeated runs with the min–max in brackets, `median [min–max]`. Every comparison is a
                ratio measured side by side in one run, alternating the two sides (or loading both at the same
                instant), because absolute times on a shared machine drift; ratios are computed per run and then
                summarised. Other builds may run on this machine: each section records the load average at its start.

                """);
        sb.append("## Machine\n\n").append(Machine.markdown()).append('\n');
        sb.append("## Headline figures\n\n| figure | result | aim |\n|---|---|---|\n");
        for (Entry e : entries) {
            String body = sections.get(e.id());
            List<String> rows = body == null ? List.of() : headlines(body);
            if (rows.isEmpty()) {
                sb.append("| ").append(e.title()).append(" | not run yet: `").append(e.command()).append("` | |\n");
            }
            rows.forEach(r -> sb.append(r).append('\n'));
        }
        sb.append('\n');
        for (Entry e : entries) {
            String body = sections.getOrDefault(e.id(), "## " + e.title() + "\n\nNot run yet: `" + e.command() + "`.\n");
            sb.append("<!-- begin:").append(e.id()).append(" -->\n").append(body.stripTrailing()).append("\n<!-- end:")
                    .append(e.id()).append(" -->\n\n");
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, sb.toString().stripTrailing() + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static List<String> headlines(String sectionBody) {
        List<String> rows = new ArrayList<>();
        Matcher m = HEADLINE.matcher(sectionBody);
        while (m.find()) {
            rows.add(m.group(1));
        }
        return rows;
    }
}
