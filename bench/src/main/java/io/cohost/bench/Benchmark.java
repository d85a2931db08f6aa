package io.cohost.bench;

import io.cohost.bench.report.Section;

/** One figure of BENCHMARKS.md: runs its measurements and returns its section. */
public interface Benchmark {
    /** Short id, also the name of its entry script: {@code bench/ID}. */
    String id();

    String title();

    Section run(BenchContext context) throws Exception;
}
