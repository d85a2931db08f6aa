package io.cohost.governor.files;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The file handles (files, sockets, selectors, pipes...) one tenant instance holds, against its
 * {@code files} quota. An open is checked first ({@link #checkOpen}, which refuses over the quota or
 * when the process is near its descriptor limit) and charged once done ({@link #charge}); a close or
 * a collection releases it.
 *
 * <p>Concurrent opens checked at the same instant may each see room for one more, so the quota can
 * be passed by as many opens as race for its last place; sequential opens stop exactly at it.
 */
public final class FileHandles {
    private final String tenant;
    private final HostDescriptorGuard guard;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicIntegerArray byKind = new AtomicIntegerArray(HandleKind.values().length);
    private final AtomicLong refusals = new AtomicLong();
    private volatile long limit;

    public FileHandles(String tenant, HostDescriptorGuard guard, long limit) {
        this.tenant = tenant;
        this.guard = guard;
        this.limit = limit;
    }

    public void setLimit(long limit) {
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /**
     * Refuses {@code weight} more handles of {@code kind} when they would pass the quota (only for
     * {@code charged} ones) or the host's reserve of descriptors.
     */
    public void checkOpen(HandleKind kind, int weight, boolean charged) throws IOException {
        guard.check(tenant, weight);
        long max = limit;
        int now = open.get();
        if (charged && now + weight > max) {
            refusals.incrementAndGet();
            throw new IOException("app '" + tenant + "': file handle quota reached (" + now + " of " + max
                    + " open); raise 'files' in the app's quota or close files and sockets the app no longer needs");
        }
    }

    public void charge(HandleKind kind, int weight) {
        open.addAndGet(weight);
        byKind.addAndGet(kind.ordinal(), weight);
        guard.opened(weight);
    }

    public void release(HandleKind kind, int weight) {
        open.addAndGet(-weight);
        byKind.addAndGet(kind.ordinal(), -weight);
        guard.closed(weight);
    }

    /** Handles open now, all kinds. */
    public int open() {
        return open.get();
    }

    public int open(HandleKind kind) {
        return byKind.get(kind.ordinal());
    }

    /** Opens refused by the quota since the instance started. */
    public long refusals() {
        return refusals.get();
    }
}
