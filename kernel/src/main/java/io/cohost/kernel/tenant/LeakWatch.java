package io.cohost.kernel.tenant;

import io.cohost.kernel.management.LeakReport;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Watches the class loaders of stopped tenant instances, like Tomcat's "find leaks": after a
 * garbage collection, a loader that is still reachable is a leak, reported with the tenant, version
 * and whatever the stop could not clear.
 */
public final class LeakWatch {
    private record Watched(String tenant, String version, Instant stoppedAt, WeakReference<ClassLoader> loader, List<String> notes) {}

    private final List<Watched> watched = new CopyOnWriteArrayList<>();
    private final Clock clock;

    public LeakWatch(Clock clock) {
        this.clock = clock;
    }

    void stopped(String tenant, String version, ClassLoader loader, List<String> notes) {
        // a host whose leaks nobody asks for would otherwise keep one entry per stop for its whole life
        forgetCollected();
        watched.add(new Watched(tenant, version, clock.instant(), new WeakReference<>(loader), notes));
    }

    /** Collects garbage, forgets loaders that were collected, and reports the ones that were not. */
    public List<LeakReport> findLeaks() {
        for (int i = 0; i < 3 && anyAlive(); i++) {
            System.gc();
            try {
                Thread.sleep(20); // lets reference processing run between collections
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        forgetCollected();
        List<LeakReport> leaks = new ArrayList<>();
        for (Watched w : watched) {
            leaks.add(new LeakReport(w.tenant(), w.version(), w.stoppedAt().toString(),
                    "app '" + w.tenant() + "' version " + shortVersion(w.version()) + " stopped at " + w.stoppedAt()
                            + " but its class loader is still reachable; its classes and statics stay in memory until it is released",
                    w.notes()));
        }
        return leaks;
    }

    /** How many stopped loaders are not yet known to be collected (no GC forced). */
    public int watchedCount() {
        forgetCollected();
        return watched.size();
    }

    /** Entries held, including those whose loader was collected since the last stop or report. */
    int entries() {
        return watched.size();
    }

    private void forgetCollected() {
        watched.removeIf(w -> w.loader().get() == null);
    }

    private boolean anyAlive() {
        return watched.stream().anyMatch(w -> w.loader().get() != null);
    }

    private static String shortVersion(String v) {
        return v.length() > 12 ? v.substring(0, 12) : v;
    }
}
