package io.cohost.kernel.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cohost.governor.GovernorSettings;
import io.cohost.kernel.HostConfig;
import io.cohost.kernel.management.ManagementException;
import io.cohost.kernel.tenant.RestartPolicy;
import io.cohost.kernel.testing.LiveHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the host does beyond throttling: restart with back-off and quarantine, deadlock reports, budgets. */
class EscalationIT {
    @Test
    void aKilledAppIsRestartedWithBackOffAndQuarantinedAfterRepeatedKills(@TempDir Path data) throws Exception {
        HostConfig config = HostConfig.ephemeral(data).withRestartPolicy(RestartPolicy.automatic(Duration.ofMillis(100), 3));
        try (LiveHost host = new LiveHost(config)) {
            host.deploy("exit-caller", "exit-caller");
            for (int kill = 1; kill <= 2; kill++) {
                host.send("/exit-caller/system-exit?status=" + kill);
                await().atMost(Duration.ofSeconds(10)).until(() -> host.get("/exit-caller/").equals("alive"));
            }
            assertThat(host.host.management().app("exit-caller").events())
                    .filteredOn(e -> e.type().equals("restart-scheduled")).hasSize(2)
                    .extracting(e -> e.detail()).anyMatch(d -> d.startsWith("automatic restart in 200 ms"));

            host.send("/exit-caller/system-exit?status=3");
            await().atMost(Duration.ofSeconds(10)).until(() -> host.host.management().app("exit-caller").events().stream()
                    .anyMatch(e -> e.type().equals("quarantined")));
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> host.state("exit-caller").equals("KILLED"));
        }
    }

    /**
     * Threads blocked entering a monitor cannot be unwound on HotSpot (no checkpoint runs, interrupts do
     * not apply, and Thread.stop is gone): a restart gives the app a fresh, working instance, and the old
     * deadlocked threads are reported by name as what keeps the old version in memory.
     */
    @Test
    void aDeadlockAmongATenantsThreadsIsReportedByNameAndARestartClearsIt(@TempDir Path data) throws Exception {
        try (LiveHost host = new LiveHost(data)) {
            host.deploy("cpu-hog", "cpu-hog");
            assertThat(host.get("/cpu-hog/deadlock")).isEqualTo("deadlocking");

            await().atMost(Duration.ofSeconds(10)).until(() -> host.host.management().app("cpu-hog").events().stream()
                    .anyMatch(e -> e.type().equals("deadlock")));
            String detail = host.host.management().app("cpu-hog").events().stream()
                    .filter(e -> e.type().equals("deadlock")).findFirst().orElseThrow().detail();
            assertThat(detail).contains("'hog-deadlock-1'").contains("'hog-deadlock-2'").contains("java.lang.Object@");

            host.host.management().restart("cpu-hog");

            assertThat(host.get("/cpu-hog/")).isEqualTo("hog");
            assertThat(host.host.management().leaks()).singleElement().satisfies(leak -> assertThat(leak.notes())
                    .anyMatch(n -> n.contains("thread 'hog-deadlock-1' (BLOCKED) did not end"))
                    .anyMatch(n -> n.contains("thread 'hog-deadlock-2' (BLOCKED) did not end")));
        }
    }

    @Test
    void aDeployThatWouldOverCommitTheHostsCpuBudgetIsRefused(@TempDir Path data) throws Exception {
        HostConfig config = HostConfig.ephemeral(data).withGovernor(GovernorSettings.standard().withBudgets(1000, 0));
        try (LiveHost host = new LiveHost(config)) {
            host.deploy("a", "hello");
            host.host.management().setQuota("a", Map.of("cpu", "600m"));
            host.deploy("b", "hello");

            assertThatThrownBy(() -> host.host.management().setQuota("b", Map.of("cpu", "600m")))
                    .isInstanceOf(ManagementException.class)
                    .hasMessageContaining("would promise 1200m to apps, over the host's budget of 1000m");
            host.host.management().setQuota("b", Map.of("cpu", "400m"));
            assertThat(host.host.management().app("b").quota()).containsEntry("cpu", "400m");
        }
    }

    @Test
    void aDeployPastTheMetaspaceBudgetIsRefusedPointingAtLeaks(@TempDir Path data) throws Exception {
        HostConfig config = HostConfig.ephemeral(data).withGovernor(GovernorSettings.standard().withMetaspaceBudget(1));
        try (LiveHost host = new LiveHost(config)) {
            assertThatThrownBy(() -> host.deploy("hello", "hello"))
                    .isInstanceOf(ManagementException.class)
                    .hasMessageContaining("over the host's budget of 0 MiB; no new version is started");
        }
    }
}
