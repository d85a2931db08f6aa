package io.cohost.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFileTest {
    private static final List<ResultsFile.Entry> ENTRIES = List.of(new ResultsFile.Entry("one", "First figure", "bench/one"),
            new ResultsFile.Entry("two", "Second figure", "bench/two"));

    private static RunInfo run(String command) {
        return new RunInfo(command, Instant.parse("2026-01-02T03:04:05Z"), "0.10 0.20 0.30", "a JDK", false, Duration.ofSeconds(42));
    }

    @Test
    void updatingOneSectionKeepsTheOthers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("BENCHMARKS.md");
        ResultsFile results = new ResultsFile(file, ENTRIES);
        results.update(new Section("one", "First figure").text("first result A"), run("bench/one"));
        results.update(new Section("two", "Second figure").text("second result"), run("bench/two"));
        results.update(new Section("one", "First figure").text("first result B"), run("bench/one"));

        String text = Files.readString(file);
        assertThat(text).contains("first result B", "second result").doesNotContain("first result A");
        assertThat(text.indexOf("first result B")).isLessThan(text.indexOf("second result"));
    }

    @Test
    void benchmarksNotRunYetAreListedWithTheirCommand(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("BENCHMARKS.md");
        new ResultsFile(file, ENTRIES).update(new Section("two", "Second figure").text("x"), run("bench/two"));
        assertThat(Files.readString(file)).contains("| First figure | not run yet: `bench/one` | |", "Not run yet: `bench/one`.");
    }

    @Test
    void theSummaryTableCollectsEverySectionsHeadlines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("BENCHMARKS.md");
        ResultsFile results = new ResultsFile(file, ENTRIES);
        results.update(new Section("one", "First figure").headline("Figure one", "1.00×", "≥ 0.97×"), run("bench/one"));
        results.update(new Section("two", "Second figure").headline("Figure two", "3 ms", "≤ 10 ms"), run("bench/two"));

        String text = Files.readString(file);
        String summary = text.substring(text.indexOf("## Headline figures"), text.indexOf("<!-- begin:one -->"));
        assertThat(summary).contains("| Figure one | 1.00× | ≥ 0.97× |", "| Figure two | 3 ms | ≤ 10 ms |");
    }

    @Test
    void eachSectionSaysHowItWasRun(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("BENCHMARKS.md");
        new ResultsFile(file, ENTRIES).update(new Section("one", "First figure"), run("bench/one"));
        assertThat(Files.readString(file)).contains("Run `bench/one` on 2026-01-02 03:04 UTC, load average at start 0.10 0.20 0.30");
    }

    @Test
    void pendingRowsSayWhyInsteadOfShowingANumber() {
        String md = new Table("figure", "value", "ratio").pendingRow("heap-hog", "feature pending (issue 5)").markdown();
        assertThat(md).contains("| heap-hog | not measured yet — feature pending (issue 5) |  |");
    }
}
