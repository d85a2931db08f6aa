package io.cohost.kernel.tenant;

import io.cohost.kernel.metrics.TenantRequestMetrics;
import io.cohost.kernel.state.AppRecord;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One app as the registry holds it: its lifecycle, its persisted record and its running instance,
 * if any. Operations on one app are serialised by its lock; different apps proceed in parallel.
 */
final class Tenant {
    final String name;
    final TenantLifecycle lifecycle;
    final ReentrantLock lock = new ReentrantLock();
    final TenantRequestMetrics metrics;
    /** Set once the app is undeployed; a caller that waited for the lock must look the name up again. */
    volatile boolean removed;
    private volatile AppRecord record;
    private volatile TenantInstance instance;
    private final java.util.Deque<java.time.Instant> kills = new java.util.ArrayDeque<>();

    Tenant(String name, Clock clock, TenantRequestMetrics metrics) {
        this.name = name;
        this.lifecycle = new TenantLifecycle(name, clock);
        this.metrics = metrics;
    }

    Optional<AppRecord> record() {
        return Optional.ofNullable(record);
    }

    void record(AppRecord record) {
        this.record = record;
    }

    Optional<TenantInstance> instance() {
        return Optional.ofNullable(instance);
    }

    void instance(TenantInstance instance) {
        this.instance = instance;
    }

    /** Records a kill and returns how many happened within {@code window} up to now. */
    int recordKill(java.time.Instant now, java.time.Duration window) {
        synchronized (kills) {
            kills.addLast(now);
            while (!kills.isEmpty() && kills.peekFirst().isBefore(now.minus(window))) {
                kills.removeFirst();
            }
            return kills.size();
        }
    }
}
