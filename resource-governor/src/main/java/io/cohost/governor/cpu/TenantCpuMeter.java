package io.cohost.governor.cpu;

import java.util.List;

/** A tenant's CPU time: the CPU time of the threads of its thread group, live and ended. */
public final class TenantCpuMeter {
    private final ThreadGroupCounter counter;

    public TenantCpuMeter(ThreadCpuClock clock) {
        this.counter = new ThreadGroupCounter(clock::cpuNanos);
    }

    /** Samples the given live threads and returns the tenant's total CPU nanoseconds so far. */
    public long sample(List<Thread> threads) {
        return counter.sample(threads);
    }

    /** CPU nanoseconds of one thread at the last sample, or -1 if it was not sampled. */
    public long lastSample(long threadId) {
        return counter.last(threadId);
    }

    public long totalNanos() {
        return counter.total();
    }
}
