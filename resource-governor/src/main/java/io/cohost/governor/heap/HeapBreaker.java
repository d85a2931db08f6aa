package io.cohost.governor.heap;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;

/**
 * The JVM-wide backstop: thresholds on the old generation (usage at {@code usageRatio} of its maximum,
 * usage after a collection at {@code collectionRatio}). HotSpot evaluates them around collections, so
 * the signal comes late (measured: at 83–97 % of the heap); it starts the low-memory response, it does
 * not replace the per-tenant walk.
 */
public final class HeapBreaker implements AutoCloseable {
    private final MemoryPoolMXBean oldGen;
    private final NotificationListener listener;

    public HeapBreaker(double usageRatio, double collectionRatio, Runnable onLowMemory) {
        this.oldGen = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isUsageThresholdSupported() && p.isCollectionUsageThresholdSupported())
                .filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured"))
                .findFirst().orElse(null);
        this.listener = (notification, handback) -> {
            String type = notification.getType();
            if (MemoryNotificationInfo.MEMORY_THRESHOLD_EXCEEDED.equals(type)
                    || MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(type)) {
                onLowMemory.run();
            }
        };
        if (oldGen != null && oldGen.getUsage().getMax() > 0) {
            long max = oldGen.getUsage().getMax();
            oldGen.setUsageThreshold((long) (max * usageRatio));
            oldGen.setCollectionUsageThreshold((long) (max * collectionRatio));
            ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener(listener, null, null);
        }
    }

    /** The old generation's usage as a fraction of its maximum, or 0 when it cannot be told. */
    public double oldGenUsage() {
        if (oldGen == null || oldGen.getUsage().getMax() <= 0) {
            return 0;
        }
        return (double) oldGen.getUsage().getUsed() / oldGen.getUsage().getMax();
    }

    @Override
    public void close() {
        try {
            ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).removeNotificationListener(listener);
        } catch (Exception e) {
            // never added
        }
    }
}
