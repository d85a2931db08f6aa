package io.cohost.governor.cpu;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bytes a tenant's threads allocated: the JVM's per-thread counters summed over its thread group,
 * ended threads folded in at their last value (the counters die with the thread). Cheap since JDK 14.
 */
public final class TenantAllocationMeter {
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private Map<Long, Long> lastByThread = new HashMap<>();
    private long ended;
    private long total;

    @SuppressWarnings("deprecation")
    public long sample(List<Thread> live) {
        long[] ids = new long[live.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = live.get(i).getId();
        }
        long[] bytes = ids.length == 0 ? new long[0] : threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> now = new HashMap<>(ids.length * 2);
        long sum = 0;
        for (int i = 0; i < ids.length; i++) {
            long b = bytes[i] >= 0 ? bytes[i] : lastByThread.getOrDefault(ids[i], 0L);
            now.put(ids[i], b);
            sum += b;
        }
        for (Map.Entry<Long, Long> e : lastByThread.entrySet()) {
            if (!now.containsKey(e.getKey())) {
                ended += e.getValue();
            }
        }
        lastByThread = now;
        total = Math.max(total, ended + sum);
        return total;
    }

    public long totalBytes() {
        return total;
    }
}
