package io.cohost.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertThat(Stats.of(List.of(5.0, 1.0, 3.0)).median()).isEqualTo(3.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Stats.of(List.of(4.0, 1.0, 3.0, 2.0)).median()).isEqualTo(2.5);
    }

    @Test
    void minAndMaxIgnoreMissingValues() {
        Stats s = Stats.of(java.util.Arrays.asList(2.0, Double.NaN, 7.0, null, 4.0));
        assertThat(s.count()).isEqualTo(3);
        assertThat(s.min()).isEqualTo(2.0);
        assertThat(s.max()).isEqualTo(7.0);
    }

    @Test
    void percentilesUseTheNearestRank() {
        Stats s = Stats.ofLongs(new long[] {10, 20, 30, 40, 50, 60, 70, 80, 90, 100});
        assertThat(s.percentile(50)).isEqualTo(50);
        assertThat(s.percentile(95)).isEqualTo(100);
        assertThat(s.percentile(10)).isEqualTo(10);
    }

    @Test
    void geometricMeanOfRatiosTreatsHalvingAndDoublingAlike() {
        assertThat(Stats.of(List.of(0.5, 2.0)).geometricMean()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void anEmptySeriesHasNoFigures() {
        Stats s = Stats.of(List.of());
        assertThat(s.median()).isNaN();
        assertThat(Fmt.spread(s, 1)).isEqualTo("n/a");
    }

    @Test
    void spreadShowsMedianThenMinToMax() {
        assertThat(Fmt.spread(Stats.of(List.of(1.0, 2.0, 4.0)), 1)).isEqualTo("2.0 [1.0–4.0]");
        assertThat(Fmt.ratio(Stats.of(List.of(0.97))).toString()).isEqualTo("0.97×");
    }
}
