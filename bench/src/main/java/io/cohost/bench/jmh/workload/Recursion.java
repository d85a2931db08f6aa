package io.cohost.bench.jmh.workload;

import java.util.function.LongSupplier;

/** Recursive fib(20): about 22,000 calls, each with a method-entry checkpoint. */
public final class Recursion implements LongSupplier {
    private int n = 20;

    @Override
    public long getAsLong() {
        return fib(n);
    }

    private static int fib(int k) {
        return k < 2 ? k : fib(k - 1) + fib(k - 2);
    }
}
