package io.cohost.kernel.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeakWatchTest {
    private final LeakWatch watch = new LeakWatch(Clock.systemUTC());

    @Test
    void aStopForgetsTheLoadersCollectedBeforeIt() {
        for (int i = 0; i < 100; i++) {
            watch.stopped("app", "v" + i, new ClassLoader(null) {}, List.of());
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            System.gc();
            watch.stopped("app", "next", new ClassLoader(null) {}, List.of());
            assertThat(watch.entries()).isEqualTo(1);
        });
    }

    @Test
    void aLoaderStillReachableStaysWatched() {
        ClassLoader kept = new ClassLoader(null) {};
        watch.stopped("app", "kept", kept, List.of("a static cache"));
        System.gc();
        watch.stopped("app", "next", new ClassLoader(null) {}, List.of());

        assertThat(watch.findLeaks()).singleElement().satisfies(leak -> {
            assertThat(leak.version()).isEqualTo("kept");
            assertThat(leak.notes()).containsExactly("a static cache");
        });
        java.lang.ref.Reference.reachabilityFence(kept);
    }
}
