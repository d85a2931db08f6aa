package io.cohost.bench.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How one benchmark run was made: the command, when, the load average at its start, the JDK, whether
 * it was the quick mode (a smoke run whose figures mean nothing) and how long it took.
 */
public record RunInfo(String command, Instant startedAt, String loadAtStart, String jdk, boolean quick, Duration took) {
    public String markdown() {
        return "Run `" + command + "` on " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(startedAt)
                + ", load average at start " + loadAtStart + " (1, 5, 15 min), " + jdk + ", took "
                + took.toSeconds() + " s." + (quick ? " **Quick mode: one short run to keep the benchmark working; the figures mean nothing.**" : "");
    }
}
