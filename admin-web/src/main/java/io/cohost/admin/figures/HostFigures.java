package io.cohost.admin.figures;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * The JVM's own figures from its management beans:
 *
 * <pre>
 * heapUsedBytes, heapCommittedBytes, heapMaxBytes, heapHeadroomBytes (max - used)
 * cpuMillicores        CPU used by the whole process since the last sample (1000 = one core busy)
 * processors           cores the JVM may use
 * threads              live threads
 * gcSeconds, gcCount   time spent in and number of collections since the JVM started
 * uptimeSeconds
 * </pre>
 */
final class HostFigures {
    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private long lastCpuNanos = -1;
    private long lastNanos;

    Map<String, Double> sample(long nanos) {
        Map<String, Double> f = new HashMap<>();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        f.put("heapUsedBytes", (double) heap.getUsed());
        f.put("heapCommittedBytes", (double) heap.getCommitted());
        if (heap.getMax() > 0) {
            f.put("heapMaxBytes", (double) heap.getMax());
            f.put("heapHeadroomBytes", (double) (heap.getMax() - heap.getUsed()));
        }
        long cpu = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
        if (cpu >= 0 && lastCpuNanos >= 0 && nanos > lastNanos) {
            f.put("cpuMillicores", Math.max(0, cpu - lastCpuNanos) * 1000.0 / (nanos - lastNanos));
        }
        lastCpuNanos = cpu;
        lastNanos = nanos;
        f.put("processors", (double) os.getAvailableProcessors());
        f.put("threads", (double) ManagementFactory.getThreadMXBean().getThreadCount());
        long gcMillis = 0;
        long gcCount = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMillis += Math.max(0, gc.getCollectionTime());
            gcCount += Math.max(0, gc.getCollectionCount());
        }
        f.put("gcSeconds", gcMillis / 1000.0);
        f.put("gcCount", (double) gcCount);
        f.put("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        return f;
    }
}
