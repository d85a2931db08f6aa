package io.cohost.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cohost.governor.cpu.ThreadCpuClock;
import io.cohost.governor.quota.Quota;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CPU ladder on a real spinning thread (without checkpoints, so throttling cannot slow it and the
 * violation lasts): notify, throttle, then reject, then stop, one step per {@code stepAfter}.
 */
class EscalationLadderTest {
    private final ThreadGroup group = new ThreadGroup("ladder-test");
    private volatile boolean spin = true;
    private final RecordingControls controls = new RecordingControls();
    private final List<String> actions = controls.actions;

    @AfterEach
    void stopSpinning() {
        spin = false;
    }

    @Test
    void aTenantThatStaysOverItsCpuQuotaClimbsTheWholeLadder() {
        Thread spinner = new Thread(group, () -> {
            long x = 0;
            while (spin) {
                x++;
            }
        }, "spinner");
        spinner.setDaemon(true);
        spinner.start();
        Escalation ladder = Escalation.defaults().with("cpu=notify,throttle,reject,stop");
        ladder = new Escalation(ladder.ladders(), Duration.ofMillis(150));
        GovernedTenant tenant = new GovernedTenant("spinner-app", group, Quota.parse(Map.of("cpu", "100m")), controls,
                new ThreadCpuClock(), 100_000_000L, ladder);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            tenant.sample(System.nanoTime());
            return actions.stream().anyMatch(a -> a.startsWith("kill"));
        });

        assertThat(actions.get(0)).startsWith("event cpu-quota");
        assertThat(actions).contains("guard true");
        assertThat(actions).anyMatch(a -> a.startsWith("event cpu-reject"));
        assertThat(indexOf("guard true")).isLessThan(indexOfPrefix("event cpu-reject"));
        assertThat(indexOfPrefix("event cpu-reject")).isLessThan(indexOfPrefix("kill"));
        assertThat(actions.get(indexOfPrefix("kill"))).contains("cpu: over quota 100m");
        assertThat(tenant.isThrottled()).isTrue();
        assertThat(tenant.isRejecting()).isTrue();
    }

    private int indexOf(String action) {
        return actions.indexOf(action);
    }

    private int indexOfPrefix(String prefix) {
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
