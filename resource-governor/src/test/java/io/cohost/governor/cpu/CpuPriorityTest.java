package io.cohost.governor.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Demotion reaches the OS: a demoted tenant's threads run at nice 19, new ones start there, and a
 * restore brings them back to nice 0. The build runs tests with the two JVM flags demotion needs; the
 * one thing a machine may lack is the privilege to raise a priority back, and then the probe says so.
 */
class CpuPriorityTest {

    @Test
    void theProbeNamesWhatIsMissingWhenDemotionIsOff() {
        CpuPriority priority = CpuPriority.probe();
        if (!priority.isEffective()) {
            assertThat(priority.describe()).startsWith("off: ").containsAnyOf("-XX:ThreadPriorityPolicy=1", "root or CAP_SYS_NICE");
        } else {
            assertThat(priority.describe()).startsWith("on: ");
        }
        assertThat(CpuPriority.off().isEffective()).isFalse();
    }

    @Test
    void demotedThreadsRunAtNiceNineteenAndComeBackToZero() throws Exception {
        CpuPriority priority = CpuPriority.probe();
        assumeTrue(priority.isEffective(), priority::describe);
        ThreadGroup group = new ThreadGroup("demoted");
        NiceReporter running = NiceReporter.start(group);
        try {
            priority.demote(group, List.of(running.thread));
            assertThat(running.niceNow()).as("a running thread, demoted").isEqualTo(19);
            NiceReporter born = NiceReporter.start(group);
            assertThat(born.niceNow()).as("a thread started while demoted").isEqualTo(19);

            priority.restore(group, List.of(running.thread, born.thread));
            assertThat(running.niceNow()).as("restored").isZero();
            assertThat(born.niceNow()).as("restored").isZero();
            born.stop();
        } finally {
            running.stop();
        }
    }

    /** A thread that reads its own nice value from /proc whenever asked. */
    private static final class NiceReporter {
        final Thread thread;
        private final java.util.concurrent.SynchronousQueue<CountDownLatch> asks = new java.util.concurrent.SynchronousQueue<>();
        private final AtomicInteger nice = new AtomicInteger(Integer.MIN_VALUE);

        private NiceReporter(ThreadGroup group) {
            thread = new Thread(group, this::serve, "nice-reporter");
            thread.setDaemon(true);
        }

        static NiceReporter start(ThreadGroup group) {
            NiceReporter r = new NiceReporter(group);
            r.thread.start();
            return r;
        }

        int niceNow() throws InterruptedException {
            CountDownLatch done = new CountDownLatch(1);
            asks.put(done);
            done.await();
            return nice.get();
        }

        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join();
        }

        private void serve() {
            try {
                while (true) {
                    CountDownLatch ask = asks.take();
                    String stat = Files.readString(Path.of("/proc/thread-self/stat"));
                    nice.set(Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]));
                    ask.countDown();
                }
            } catch (InterruptedException e) {
                // stopped
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
