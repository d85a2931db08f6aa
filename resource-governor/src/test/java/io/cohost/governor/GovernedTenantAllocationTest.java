package io.cohost.governor;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohost.governor.cpu.ThreadCpuClock;
import io.cohost.governor.quota.Quota;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The allocation meter: bytes a tenant's threads allocate, and the rate between two samples. */
class GovernedTenantAllocationTest {
    private static final long SECOND = 1_000_000_000L;

    private final TenantControls controls = new TenantControls() {
        @Override
        public void setGuard(boolean raised) {
        }

        @Override
        public void kill(String reason) {
        }

        @Override
        public void event(String type, String detail) {
        }

        @Override
        public boolean isRequestWorker(Thread thread) {
            return false;
        }
    };

    @Test
    void theRateIsWhatTheTenantAllocatedBetweenTwoSamplesOverTheTimeBetweenThem() throws Exception {
        ThreadGroup group = new ThreadGroup("alloc");
        GovernedTenant t = new GovernedTenant("alloc", group, Quota.parse(Map.of()), controls, new ThreadCpuClock(),
                100_000_000L, Escalation.defaults());
        CountDownLatch sampled = new CountDownLatch(1);
        CountDownLatch allocated = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread worker = new Thread(group, () -> {
            try {
                sampled.await();
                byte[][] keep = new byte[64][];
                for (int i = 0; i < keep.length; i++) {
                    keep[i] = new byte[128 * 1024]; // 8 MiB in all
                }
                allocated.countDown();
                done.await();
                assertThat(keep).hasSize(64);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "alloc-worker");
        worker.start();
        try {
            t.sample(10 * SECOND);
            sampled.countDown();
            allocated.await();
            t.sample(12 * SECOND); // two seconds later, as far as the governor knows

            double perSecond = t.allocationBytesPerSecond();
            assertThat(perSecond).as("bytes per second").isBetween(4.0 * (1 << 20), 4.5 * (1 << 20));
        } finally {
            done.countDown();
            worker.join();
        }
    }
}
