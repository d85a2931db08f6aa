package io.cohost.bench;

import io.cohost.bench.war.Wars;
import java.nio.file.Path;

/**
 * What a benchmark run gets: whether it is the quick smoke mode, where the WARs are, a scratch
 * directory for data directories and WAR copies, and where server logs go.
 *
 * @param quick one short run of each measurement, only to prove the benchmark still works
 */
public record BenchContext(boolean quick, Wars wars, Path scratch, Path logs) {
    /** {@code full} repetitions, or one in quick mode. */
    public int runs(int full) {
        return quick ? 1 : full;
    }

    /** {@code full}, or {@code quick} in quick mode. */
    public <T> T pick(T full, T quickValue) {
        return quick ? quickValue : full;
    }

    public void log(String message) {
        System.out.println("[" + java.time.LocalTime.now().withNano(0) + "] " + message);
        System.out.flush();
    }
}
