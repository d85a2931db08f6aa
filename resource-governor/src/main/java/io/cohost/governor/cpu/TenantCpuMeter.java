package io.cohost.governor.cpu;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's CPU time: the sum over the threads of its thread group, live ones read now and ended ones
 * folded in at the value they last had (so at most one sampling period of an ended thread is lost).
 * Not thread-safe: one governor thread samples it.
 */
public final class TenantCpuMeter {
    private final ThreadCpuClock clock;
    private Map<Long, Long> lastByThread = new HashMap<>();
    private long endedNanos;
    private long totalNanos;

    public TenantCpuMeter(ThreadCpuClock clock) {
        this.clock = clock;
    }

    /** Samples the given live threads and returns the tenant's total CPU nanoseconds so far. */
    @SuppressWarnings("deprecation") // Thread.getId(): threadId() does not exist on JDK 17
    public long sample(List<Thread> threads) {
        long[] ids = new long[threads.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = threads.get(i).getId();
        }
        long[] cpu = clock.cpuNanos(ids);
        Map<Long, Long> now = new HashMap<>(ids.length * 2);
        long live = 0;
        for (int i = 0; i < ids.length; i++) {
            long c = cpu[i] >= 0 ? cpu[i] : lastByThread.getOrDefault(ids[i], 0L);
            now.put(ids[i], c);
            live += c;
        }
        for (Map.Entry<Long, Long> e : lastByThread.entrySet()) {
            if (!now.containsKey(e.getKey())) {
                endedNanos += e.getValue();
            }
        }
        lastByThread = now;
        totalNanos = Math.max(totalNanos, endedNanos + live);
        return totalNanos;
    }

    /** CPU nanoseconds of one thread at the last sample, or -1 if it was not sampled. */
    public long lastSample(long threadId) {
        return lastByThread.getOrDefault(threadId, -1L);
    }

    public long totalNanos() {
        return totalNanos;
    }
}
