package io.cohost.bench.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class WrkTest {
    private static final String REPORT = """
            Running 10s test @ http://127.0.0.1:8080/hello/
              1 threads and 16 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     1.52ms  512.33us  20.01ms   90.12%
                Req/Sec     10.55k   401.22    11.20k    70.00%
              Latency Distribution
                 50%  850.00us
                 75%    1.62ms
                 90%    2.10ms
                 99%    1.20s
              105012 requests in 10.00s, 15.02MB read
              Socket errors: connect 0, read 2, write 0, timeout 3
              Non-2xx or 3xx responses: 7
            Requests/sec:  10501.17
            Transfer/sec:      1.50MB
            """;

    @Test
    void readsThroughputPercentilesInMicrosecondsAndErrors() throws IOException {
        Wrk.Result r = Wrk.parse(REPORT);
        assertThat(r.requestsPerSecond()).isEqualTo(10501.17);
        assertThat(r.p50Micros()).isEqualTo(850.0);
        assertThat(r.p90Micros()).isEqualTo(2100.0);
        assertThat(r.p99Micros()).isEqualTo(1_200_000.0);
        assertThat(r.requests()).isEqualTo(105012);
        assertThat(r.errors()).isEqualTo(12);
    }

    @Test
    void aReportWithoutThroughputIsAnError() {
        assertThatThrownBy(() -> Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused"))
                .isInstanceOf(IOException.class).hasMessageContaining("Requests/sec");
    }

    @Test
    void theCommandPinsWrkToTheGivenCore() {
        assertThat(Wrk.command(java.util.OptionalInt.of(1), 16, java.time.Duration.ofSeconds(10), "http://x/"))
                .containsExactly("taskset", "-c", "1", "wrk", "-t1", "-c16", "-d10s", "--latency", "http://x/");
    }
}
