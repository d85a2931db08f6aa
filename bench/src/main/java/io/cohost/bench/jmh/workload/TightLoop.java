package io.cohost.bench.jmh.workload;

import java.util.function.LongSupplier;

/** Sums a 4,096-element int array: a counted innermost loop C2 unrolls and vectorises. */
public final class TightLoop implements LongSupplier {
    private final int[] values = new int[4096];

    public TightLoop() {
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 31 + 7;
        }
    }

    @Override
    public long getAsLong() {
        long sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i];
        }
        return sum;
    }
}
