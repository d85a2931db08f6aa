package io.cohost.governor.cpu;

import java.lang.management.ManagementFactory;

/**
 * CPU time of many threads in one call ({@code com.sun.management.ThreadMXBean.getThreadCpuTime(long[])},
 * about 0.3 µs a thread on Linux), so one governor thread can meter every tenant every few milliseconds.
 */
public final class ThreadCpuClock {
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    public ThreadCpuClock() {
        if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
    }

    /** CPU nanoseconds of each thread id; -1 for a thread that has ended. */
    public long[] cpuNanos(long[] threadIds) {
        return threadIds.length == 0 ? new long[0] : threads.getThreadCpuTime(threadIds);
    }

    public long currentThreadCpuNanos() {
        return threads.getCurrentThreadCpuTime();
    }

    public long[] deadlockedThreads() {
        long[] ids = threads.findDeadlockedThreads();
        return ids == null ? new long[0] : ids;
    }

    public java.lang.management.ThreadInfo[] info(long[] ids) {
        return threads.getThreadInfo(ids, true, true);
    }
}
