package io.cohost.bench.jmh.workload;

import java.util.function.LongSupplier;

/**
 * Collatz steps for 1..300: a {@code while} loop of unknown trip count, the shape whose back edge always
 * keeps its checkpoint (it could run forever).
 */
public final class WhileLoop implements LongSupplier {
    private int limit = 300;

    @Override
    public long getAsLong() {
        long steps = 0;
        for (int start = 1; start <= limit; start++) {
            long n = start;
            while (n != 1) {
                n = (n & 1) == 0 ? n >> 1 : 3 * n + 1;
                steps++;
            }
        }
        return steps;
    }
}
