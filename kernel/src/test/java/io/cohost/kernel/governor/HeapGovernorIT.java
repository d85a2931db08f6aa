package io.cohost.kernel.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cohost.governor.GovernedTenant;
import io.cohost.kernel.testing.LiveHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The retained-heap estimate on a real host: accurate for what an app holds, blind to what it churns. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeapGovernorIT {
    private static final double MIB = 1024 * 1024;
    LiveHost host;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        host = new LiveHost(data);
        host.deploy("heap-hog", "heap-hog");
    }

    @AfterAll
    void stop() throws Exception {
        host.close();
    }

    private GovernedTenant governed() {
        return host.host.registry().runningInstance("heap-hog").orElseThrow().governed();
    }

    private double measuredMib() {
        return host.host.governor().measureHeap(governed()).bytes() / MIB;
    }

    @ParameterizedTest(name = "{0} MiB")
    @ValueSource(ints = {16, 64, 256})
    void theEstimateIsWithinTenPercentOfWhatTheAppRetains(int mb) {
        host.get("/heap-hog/release");
        double baseline = measuredMib();

        assertThat(host.get("/heap-hog/retain?mb=" + mb)).isEqualTo("retaining " + mb + " MiB");
        double measured = measuredMib();

        System.out.printf("heap-hog retaining %d MiB: estimate %.2f MiB (baseline %.2f MiB)%n", mb, measured, baseline);
        assertThat(measured).isBetween((mb + baseline) * 0.9, (mb + baseline) * 1.1);
        assertThat(host.get("/heap-hog/release")).isEqualTo("released");
        assertThat(measuredMib()).isLessThan(baseline + 1);
        assertThat(host.host.management().app("heap-hog").meters()).containsKey("heapBytes").containsKey("heapMeasuredAtEpochMillis");
    }

    @Test
    void churningAtFullSpeedIsNeverTakenForRetention() {
        host.get("/heap-hog/release");
        host.host.management().setQuota("heap-hog", Map.of("memory", "64Mi"));
        double baseline = measuredMib();

        String churned = host.get("/heap-hog/churn?ms=3000");

        assertThat(churned).startsWith("churned ");
        assertThat(Long.parseLong(churned.replaceAll("\\D", ""))).as("MiB churned").isGreaterThan(256);
        await().atMost(Duration.ofSeconds(2)).until(() -> governed().retainedMeasuredAtMillis() > 0);
        assertThat(host.state("heap-hog")).isEqualTo("RUNNING");
        assertThat(measuredMib()).isLessThan(baseline + 4);
        host.host.management().setQuota("heap-hog", Map.of("memory", ""));
    }

    @Test
    void anAppOverItsMemoryQuotaIsKilledWithTheFigures() {
        host.host.management().setQuota("heap-hog", Map.of("memory", "32Mi"));
        try {
            host.get("/heap-hog/retain?mb=48");
            await().atMost(Duration.ofSeconds(5)).until(() -> host.state("heap-hog").equals("KILLED"));
            assertThat(host.host.management().app("heap-hog").stateDetail()).startsWith("memory: retained=").contains("quota=32.0MiB");
        } finally {
            host.host.management().setQuota("heap-hog", Map.of("memory", ""));
            host.host.management().start("heap-hog");
        }
    }
}
