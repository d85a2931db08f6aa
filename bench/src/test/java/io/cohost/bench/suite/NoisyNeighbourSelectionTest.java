package io.cohost.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NoisyNeighbourSelectionTest {
    @Test
    void everyNeighbourRunsWhenTheFilterIsUnsetOrEmpty() {
        assertThat(NoisyNeighbourBenchmark.selected(null)).isEqualTo(NoisyNeighbourBenchmark.NEIGHBOURS);
        assertThat(NoisyNeighbourBenchmark.selected(" ")).isEqualTo(NoisyNeighbourBenchmark.NEIGHBOURS);
    }

    @Test
    void theFilterKeepsTheNamedNeighboursOnceEach() {
        assertThat(NoisyNeighbourBenchmark.selected("fd-leak, cpu-hog,fd-leak")).extracting(NoisyNeighbourBenchmark.Neighbour::war)
                .containsExactly("cpu-hog", "fd-leak");
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> NoisyNeighbourBenchmark.selected("fd-leek"))
                .hasMessageContaining("no neighbour 'fd-leek'").hasMessageContaining("cpu-hog,thread-bomb,heap-hog,fd-leak");
    }

    @Test
    void everyNeighbourHasAQuotaOnAndOffForTheSameResource() {
        for (NoisyNeighbourBenchmark.Neighbour n : NoisyNeighbourBenchmark.NEIGHBOURS) {
            String resource = n.quotaOn().substring(0, n.quotaOn().indexOf('='));
            assertThat(n.quotaOff()).isEqualTo(resource + "=unlimited");
        }
    }
}
