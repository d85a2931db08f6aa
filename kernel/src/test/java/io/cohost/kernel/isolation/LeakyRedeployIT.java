package io.cohost.kernel.isolation;

import io.cohost.kernel.testing.LiveHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cohost.isolation.TenantClassLoader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leaky} starts a Timer, executors, a JDBC driver, a shutdown hook, an MBean, a static cache
 * and a ThreadLocal, and cleans up none of them. Redeployed 200 times, none of its old class loaders
 * may stay reachable, and metaspace must not grow with the redeploys.
 */
class LeakyRedeployIT {
    private static final int REDEPLOYS = 200;

    @Test
    void redeployingLeakyTwoHundredTimesLeavesNoClassLoaderBehind(@TempDir Path data) throws Exception {
        try (LiveHost host = new LiveHost(data)) {
            host.deploy("leaky", "leaky");
            for (int i = 0; i < 10; i++) { // warm up: first-time JDK and Jetty classes are not a leak
                host.deploy("leaky", "leaky");
            }
            long metaspaceBefore = metaspaceAfterGc();
            List<WeakReference<TenantClassLoader>> loaders = new ArrayList<>();

            for (int i = 0; i < REDEPLOYS; i++) {
                host.deploy("leaky", "leaky");
                loaders.add(new WeakReference<>(host.host.registry().runningInstance("leaky").orElseThrow().classLoader()));
                if (i % 20 == 0) {
                    assertThat(host.get("/leaky/")).startsWith("leaky: cache holds");
                }
            }
            host.host.management().undeploy("leaky");

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                System.gc();
                assertThat(loaders.stream().filter(r -> r.get() != null).count())
                        .as("class loaders of leaky still reachable after undeploy and GC").isZero();
            });
            long growth = metaspaceAfterGc() - metaspaceBefore;
            System.out.printf("metaspace growth over %d redeploys of leaky: %.2f MB%n", REDEPLOYS, growth / 1e6);
            assertThat(growth).as("metaspace growth in bytes").isLessThan(10_000_000L);
            assertThat(host.host.management().leaks()).isEmpty();
        }
    }

    private static long metaspaceAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getName().equals("Metaspace"))
                .mapToLong(p -> p.getUsage().getUsed())
                .findFirst().orElseThrow();
    }
}
