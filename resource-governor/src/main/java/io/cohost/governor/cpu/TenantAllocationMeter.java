package io.cohost.governor.cpu;

import java.lang.management.ManagementFactory;
import java.util.List;

/** Bytes a tenant's threads allocated: the JVM's per-thread counters (cheap since JDK 14), live and ended. */
public final class TenantAllocationMeter {
    private final ThreadGroupCounter counter = new ThreadGroupCounter(
            ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())::getThreadAllocatedBytes);

    public long sample(List<Thread> live) {
        return counter.sample(live);
    }

    public long totalBytes() {
        return counter.total();
    }
}
