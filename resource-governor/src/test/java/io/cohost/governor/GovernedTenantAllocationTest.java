package io.cohost.governor;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohost.governor.cpu.ThreadCpuClock;
import io.cohost.governor.files.HostDescriptorGuard;
import io.cohost.governor.quota.Quota;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The allocation rate the API reports is bytes allocated between two samples over the time between them. */
class GovernedTenantAllocationTest {
    private static final long SECOND = 1_000_000_000L;
    private static final int MIB = 1 << 20;

    private final TenantControls controls = new RecordingControls();

    static volatile byte[] kept;

    @Test
    void eightMibAllocatedInOneSecondIsEightMibPerSecond() throws Exception {
        ThreadGroup group = new ThreadGroup("alloc");
        GovernedTenant t = new GovernedTenant("alloc", group, Quota.none(), controls, new ThreadCpuClock(), 100_000_000L,
                Escalation.defaults(), new HostDescriptorGuard(HostDescriptorGuard.ProcessDescriptors.ofThisProcess(), 0));
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch allocated = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread worker = new Thread(group, () -> {
            try {
                go.await();
                kept = new byte[8 * MIB];
                allocated.countDown();
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "alloc-worker");
        worker.start();
        try {
            t.sample(SECOND);
            go.countDown();
            allocated.await();
            t.sample(2 * SECOND);

            assertThat(t.allocationBytesPerSecond()).isBetween(8.0 * MIB, 9.0 * MIB);
        } finally {
            done.countDown();
            worker.join();
        }
    }
}
