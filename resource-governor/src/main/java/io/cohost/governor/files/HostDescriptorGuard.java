package io.cohost.governor.files;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the last descriptors of the process for the host: a tenant's open is refused once the process
 * would be within {@code reserve} descriptors of its limit ({@code ulimit -n}), so the host's accept
 * loop, its admin API and its own files still get descriptors when tenants have taken the rest.
 *
 * <p>The process's count is read from the OS at most every {@value #SAMPLE_MILLIS} ms (reading it
 * lists {@code /proc/self/fd}); tenant opens and closes since then are added to it, so the check on
 * each open is two reads.
 */
public final class HostDescriptorGuard {
    static final long SAMPLE_MILLIS = 100;

    /** The process's open descriptors and its limit; -1 when the platform does not say. */
    public interface ProcessDescriptors {
        long open();

        long max();

        /** {@code com.sun.management.UnixOperatingSystemMXBean}; unknown elsewhere. */
        static ProcessDescriptors ofThisProcess() {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
                return new ProcessDescriptors() {
                    @Override
                    public long open() {
                        return unix.getOpenFileDescriptorCount();
                    }

                    @Override
                    public long max() {
                        return unix.getMaxFileDescriptorCount();
                    }
                };
            }
            return new ProcessDescriptors() {
                @Override
                public long open() {
                    return -1;
                }

                @Override
                public long max() {
                    return -1;
                }
            };
        }
    }

    private final ProcessDescriptors process;
    private final long reserveSetting;
    private final AtomicLong sinceSample = new AtomicLong();
    private volatile long sampled;
    private volatile long max = -1;
    private volatile long reserve;
    private volatile long lastSampleNanos;

    /**
     * @param reserve descriptors kept for the host; 0 means a tenth of the limit, at least 64
     */
    public HostDescriptorGuard(ProcessDescriptors process, long reserve) {
        if (reserve < 0) {
            throw new IllegalArgumentException("the host's descriptor reserve must be 0 (automatic) or positive, was " + reserve);
        }
        this.process = process;
        this.reserveSetting = reserve;
        this.lastSampleNanos = System.nanoTime() - SAMPLE_MILLIS * 2_000_000;
        sample(System.nanoTime());
    }

    /** Reads the process's count again if the last reading is older than {@value #SAMPLE_MILLIS} ms. */
    public void sample(long nowNanos) {
        if (nowNanos - lastSampleNanos < SAMPLE_MILLIS * 1_000_000) {
            return;
        }
        lastSampleNanos = nowNanos;
        long limit = process.max();
        long open = process.open();
        sinceSample.set(0);
        sampled = open;
        max = limit;
        reserve = reserveSetting > 0 ? reserveSetting : Math.max(64, limit / 10);
    }

    /** Refuses {@code weight} more tenant descriptors when the process would enter the host's reserve. */
    public void check(String tenant, int weight) throws IOException {
        long limit = max;
        if (limit <= 0) {
            return;
        }
        long estimate = sampled + sinceSample.get();
        if (estimate + weight > limit - reserve) {
            throw new IOException("app '" + tenant + "': refused a new file handle: the host process has about " + estimate
                    + " of its " + limit + " descriptors open and keeps the last " + reserve + " for itself;"
                    + " close files and sockets, lower the apps' 'files' quotas, or raise the host's limit (ulimit -n)");
        }
    }

    void opened(int weight) {
        sinceSample.addAndGet(weight);
    }

    void closed(int weight) {
        sinceSample.addAndGet(-weight);
    }

    /** Descriptors open in the process as last estimated. */
    public long estimatedOpen() {
        return sampled + sinceSample.get();
    }

    public long max() {
        return max;
    }

    public long reserve() {
        return reserve;
    }
}
