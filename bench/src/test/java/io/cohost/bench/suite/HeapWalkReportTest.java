package io.cohost.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HeapWalkReportTest {
    @Test
    void aWalkWithoutALimitHasNoStopFigures() {
        HeapWalkBenchmark.Measured m = HeapWalkBenchmark.Measured.of(Map.of("objects", "2000000", "reference", "100000000", "walked",
                "2000000", "bytes", "95000000", "complete", "true", "first-ms", "900.0", "walk-ms", "200.0,100.0,300.0"));
        assertThat(m.msPerMillion().median()).isEqualTo(100.0);
        assertThat(m.msPerMillion().min()).isEqualTo(50.0);
        assertThat(m.accuracy()).isCloseTo(0.95, within(1e-9));
        assertThat(m.stopMs()).isEmpty();
        assertThat(m.stopOverWhole().isEmpty()).isTrue();
    }

    @Test
    void stoppedOverWholeIsTakenWithinEachRound() {
        HeapWalkBenchmark.Measured m = HeapWalkBenchmark.Measured.of(Map.ofEntries(Map.entry("objects", "10"), Map.entry("reference", "1"),
                Map.entry("walked", "10"), Map.entry("bytes", "1"), Map.entry("complete", "true"), Map.entry("first-ms", "1"),
                Map.entry("walk-ms", "100,200,400"), Map.entry("stop-bytes", "5"), Map.entry("stop-objects", "3"),
                Map.entry("stop-complete", "false"), Map.entry("stop-fresh-ms", "10,10,10"), Map.entry("stop-ms", "25,40,40")));
        assertThat(m.stopOverWhole().values()).containsExactly(0.1, 0.2, 0.25);
        assertThat(m.stopObjects()).isEqualTo(3);
        assertThat(m.stopComplete()).isFalse();
    }
}
