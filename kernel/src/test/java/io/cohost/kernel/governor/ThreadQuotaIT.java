package io.cohost.kernel.governor;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohost.kernel.testing.LiveHost;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tenant that starts threads without end is refused at its thread quota; the host is unaffected. */
class ThreadQuotaIT {
    @Test
    void threadBombIsRefusedAtItsQuotaWithTheQuotaInTheMessage(@TempDir Path data) throws Exception {
        try (LiveHost host = new LiveHost(data)) {
            host.deploy("thread-bomb", "thread-bomb");
            host.deploy("hello", "hello");
            host.host.management().setQuota("thread-bomb", Map.of("threads", "50"));
            int hostThreadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

            String answer = host.get("/thread-bomb/bomb");

            assertThat(answer).startsWith("started 50; refused: java.lang.IllegalStateException: app 'thread-bomb': thread quota reached (50 of 50 live threads)")
                    .contains("raise 'threads'");
            assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).isLessThan(hostThreadsBefore + 80);
            assertThat(host.get("/hello/")).isEqualTo("Hello from /hello\n");
            assertThat(host.get("/thread-bomb/release")).isEqualTo("released");
        }
    }

    @Test
    void theHostDefaultStopsABombThatSetsNoQuota(@TempDir Path data) throws Exception {
        try (LiveHost host = new LiveHost(data)) {
            host.deploy("thread-bomb", "thread-bomb");

            String answer = host.get("/thread-bomb/bomb");

            assertThat(answer).contains("thread quota reached (1000 of 1000 live threads)");
            assertThat(host.get("/thread-bomb/release")).isEqualTo("released");
        }
    }
}
