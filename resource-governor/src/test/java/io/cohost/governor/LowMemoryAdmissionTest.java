package io.cohost.governor;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohost.governor.quota.Quota;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The low-memory response holds every app's new requests while it measures the apps' heap, but no
 * longer than its limit: a walk that takes long (a huge app) must not stall the whole host.
 */
class LowMemoryAdmissionTest {
    private static final Duration LIMIT = Duration.ofMillis(500);

    private final Governor governor = new Governor(GovernorSettings.standard().withAdmissionPauseLimit(LIMIT), new SimpleMeterRegistry());
    private final RecordingControls controls = new RecordingControls();
    private final CountDownLatch walkMayEnd = new CountDownLatch(1);

    @AfterEach
    void stop() {
        walkMayEnd.countDown();
        governor.close();
    }

    @Test
    void heldRequestsAreLetInAfterTheLimitWhileASlowWalkGoesOn() throws Exception {
        governor.start(r -> {
            Thread t = new Thread(r, "test-governor");
            t.setDaemon(true);
            return t;
        });
        GovernedTenant big = governor.register("big", new ThreadGroup("big"), Quota.none(), controls);
        CountDownLatch walking = new CountDownLatch(1);
        big.setHeapRoots(new HeapRoots() {
            @Override
            public void forEachRoot(Consumer<Object> root) {
                walking.countDown();
                awaitQuietly(walkMayEnd);
            }

            @Override
            public boolean owns(Class<?> type) {
                return false;
            }
        });

        long start = System.nanoTime();
        governor.lowMemory();
        assertThat(walking.await(10, TimeUnit.SECONDS)).as("the response is measuring the app").isTrue();
        CompletableFuture<Long> admitted = new CompletableFuture<>();
        big.admission().admit(() -> admitted.complete(System.nanoTime()));

        long letInAfter = TimeUnit.NANOSECONDS.toMillis(admitted.get(10, TimeUnit.SECONDS) - start);

        assertThat(letInAfter).as("held for the limit, not for the whole walk").isGreaterThanOrEqualTo(LIMIT.toMillis() - 5);
        assertThat(walkMayEnd.getCount()).as("the walk is still going").isEqualTo(1);
        assertThat(controls.events).anyMatch(e -> e.startsWith("low-memory: 1 new request(s) were held for 500 ms"));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
