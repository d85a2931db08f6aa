package io.cohost.kernel.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cohost.kernel.testing.LiveHost;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host redeploying one app keeps nothing per version once the old version is gone: not in the Jetty
 * server every context shares (where container caches live), not in the leak watch, and not on the
 * heap. Each test redeploys {@code hello} through the management API, each new version answering first.
 */
class RedeployFootprintIT {
    private static final String APP = "footprint";

    @Test
    void theSharedJettyServerHoldsNothingPerRedeploy(@TempDir Path data) throws Exception {
        try (LiveHost host = new LiveHost(data)) {
            redeploy(host, 3); // first deploys fill what is filled once
            Map<String, Integer> before = attributeSizes(server(host));

            redeploy(host, 10);

            assertThat(attributeSizes(server(host))).as("sizes of the Jetty server's attributes").isEqualTo(before);
        }
    }

    @Test
    void theLeakWatchForgetsCollectedVersionsWithoutAReportBeingAsked(@TempDir Path data) throws Exception {
        try (LiveHost host = new LiveHost(data)) {
            redeploy(host, 10);
            LeakWatch watch = host.host.registry().leakWatch();

            // the redeploy's stop drops the versions collected so far and adds the one it stops
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                System.gc();
                redeploy(host, 1);
                assertThat(watch.entries()).as("stopped versions the leak watch holds").isLessThanOrEqualTo(2);
            });
        }
    }

    @Test
    void heapAfterGcStaysFlatAcrossRedeploys(@TempDir Path data) throws Exception {
        try (LiveHost host = new LiveHost(data)) {
            redeploy(host, 20);
            long at20 = heapAfterGc();
            redeploy(host, 40);
            long at60 = heapAfterGc();

            double kibPerRedeploy = (at60 - at20) / 1024.0 / 40;
            System.out.printf("heap after GC: %.1f MiB after 20 redeploys, %.1f MiB after 60: %.1f KiB per redeploy%n",
                    at20 / 1048576.0, at60 / 1048576.0, kibPerRedeploy);
            assertThat(kibPerRedeploy).as("heap growth per redeploy, KiB").isLessThan(40);
        }
    }

    private static void redeploy(LiveHost host, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            host.deploy(APP, "hello");
            assertThat(host.get("/" + APP + "/")).isEqualTo("Hello from /" + APP + "\n");
        }
    }

    private static Server server(LiveHost host) {
        return host.host.registry().runningInstance(APP).orElseThrow().context().getServer();
    }

    /** Each attribute's element count when it is a map or collection, -1 otherwise. */
    private static Map<String, Integer> attributeSizes(Server server) {
        Map<String, Integer> sizes = new TreeMap<>();
        for (String name : server.getAttributeNameSet()) {
            Object value = server.getAttribute(name);
            sizes.put(name, value instanceof Map<?, ?> m ? m.size() : value instanceof Collection<?> c ? c.size() : -1);
        }
        return sizes;
    }

    /** Heap in use once full collections stop freeing anything (two in a row within 256 KiB). */
    private static long heapAfterGc() {
        long[] last = {Long.MAX_VALUE};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            boolean settled = Math.abs(used - last[0]) < 256 << 10;
            last[0] = used;
            return settled;
        });
        return last[0];
    }
}
