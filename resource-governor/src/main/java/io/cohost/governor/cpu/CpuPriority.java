package io.cohost.governor.cpu;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Lowers the OS scheduling priority of a tenant pressing on its CPU limit, and restores it.
 *
 * <p>Throttling only reacts to what a sample sees, so a throttled tenant runs in bursts; during a burst
 * a neighbour on the same core competes with every one of its threads, and a kernel scheduler that
 * favours threads coming back from sleep lets the burst run first. At the lowest priority (nice 19,
 * weight 15 against 1024) the burst yields to everyone else the moment they are runnable.
 *
 * <p>The JVM applies Java priorities to the OS only when started with
 * {@code -XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=19}, and only a privileged process
 * may raise a priority back. {@link #probe()} checks both once, on a scratch thread; when either is
 * missing demotion is off and throttling alone applies.
 *
 * <p>Measured (BENCHMARKS.md, figure 5): next to a cpu-hog held at 250m on hello's core, hello's p99 was
 * worse with the quota than without it (about 16 against 6–12 ms) until the hog's bursts ran at nice 19
 * (4–7 ms). The price: a demoted thread that is runnable while other processes keep every core busy is
 * slow to reach a safepoint, which delays the JVM's pauses for everyone; throttled threads spend most of
 * their time parked, where they do not hold safepoints up.
 */
public final class CpuPriority {
    private static final CpuPriority OFF = new CpuPriority(false, "off");

    private final boolean effective;
    private final String description;

    private CpuPriority(boolean effective, String description) {
        this.effective = effective;
        this.description = description;
    }

    public static CpuPriority off() {
        return OFF;
    }

    /** Demotion works here if a scratch thread can be lowered to nice 19 and raised back to nice 0. */
    public static CpuPriority probe() {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (!args.contains("-XX:ThreadPriorityPolicy=1") || !args.contains("-XX:JavaPriority1_To_OSPriority=19")) {
            return new CpuPriority(false, "off: the JVM was started without -XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=19");
        }
        int[] nice = new int[] {Integer.MIN_VALUE, Integer.MIN_VALUE};
        CountDownLatch lowered = new CountDownLatch(1);
        CountDownLatch readLow = new CountDownLatch(1);
        CountDownLatch raised = new CountDownLatch(1);
        CountDownLatch readNormal = new CountDownLatch(1);
        Thread scratch = new Thread(() -> {
            try {
                lowered.await();
                nice[0] = ownNice();
                readLow.countDown();
                raised.await();
                nice[1] = ownNice();
            } catch (InterruptedException | IOException | RuntimeException e) {
                // left at MIN_VALUE: not effective
            } finally {
                readLow.countDown();
                readNormal.countDown();
            }
        }, "cohost-priority-probe");
        scratch.setDaemon(true);
        scratch.start();
        try {
            scratch.setPriority(Thread.MIN_PRIORITY);
            lowered.countDown();
            readLow.await();
            scratch.setPriority(Thread.NORM_PRIORITY);
            raised.countDown();
            readNormal.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // the scratch thread read nice after each change happened-before its latch released it
        if (nice[0] == 19 && nice[1] == 0) {
            return new CpuPriority(true, "on: threads of an app over its CPU quota run at nice 19 until it is back under");
        }
        return new CpuPriority(false, "off: priorities do not reach the OS here (nice read " + nice[0] + " then " + nice[1]
                + "; raising a priority back needs root or CAP_SYS_NICE)");
    }

    private static int ownNice() throws IOException {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }

    public boolean isEffective() {
        return effective;
    }

    /** For the host's startup log. */
    public String describe() {
        return description;
    }

    /** New threads of the group start at the lowest priority, running ones are lowered. */
    public void demote(ThreadGroup group, List<Thread> threads) {
        if (!effective) {
            return;
        }
        group.setMaxPriority(Thread.MIN_PRIORITY);
        threads.forEach(t -> t.setPriority(Thread.MIN_PRIORITY));
    }

    /** Back to normal: the group may start normal threads again, and its threads run at normal priority. */
    public void restore(ThreadGroup group, List<Thread> threads) {
        if (!effective) {
            return;
        }
        group.setMaxPriority(Thread.NORM_PRIORITY);
        threads.forEach(t -> t.setPriority(Thread.NORM_PRIORITY));
    }
}
