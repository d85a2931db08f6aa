package io.cohost.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohost.governor.cpu.ThreadCpuClock;
import io.cohost.governor.files.HandleKind;
import io.cohost.governor.files.HostDescriptorGuard;
import io.cohost.governor.quota.Quota;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The governor's side of the files quota: the limit follows the quota, and reaching it is an episode on the ladder. */
class GovernedTenantFilesTest {
    private static final long SECOND = 1_000_000_000L;

    private final RecordingControls controls = new RecordingControls();
    private final List<String> events = controls.events;
    private final List<String> kills = controls.kills;

    private GovernedTenant tenant(String files, Escalation escalation) {
        HostDescriptorGuard roomy = new HostDescriptorGuard(new HostDescriptorGuard.ProcessDescriptors() {
            @Override
            public long open() {
                return 100;
            }

            @Override
            public long max() {
                return 100_000;
            }
        }, 0);
        return new GovernedTenant("shop", new ThreadGroup("shop"), Quota.parse(Map.of("files", files)), controls,
                new ThreadCpuClock(), 100_000_000L, escalation, roomy);
    }

    private static void fill(GovernedTenant t, int n) {
        for (int i = 0; i < n; i++) {
            t.files().charge(HandleKind.FILE, 1);
        }
    }

    @Test
    void reachingTheQuotaIsNotedOnceAndTheAppIsNotStoppedByDefault() {
        GovernedTenant t = tenant("2", Escalation.defaults());
        fill(t, 2);
        assertThatThrownBy(() -> t.files().checkOpen(HandleKind.FILE, 1, true)).hasMessageContaining("(2 of 2 open)");

        t.sample(SECOND);
        t.sample(60 * SECOND);

        assertThat(events).containsExactly("files-quota: file handle quota reached (2 of 2 open); further opens are refused");
        assertThat(kills).isEmpty();
    }

    @Test
    void withStopOnTheLadderAnAppThatStaysAtItsQuotaIsStopped() {
        GovernedTenant t = tenant("2", Escalation.defaults().with("files=notify,stop"));
        fill(t, 2);
        assertThatThrownBy(() -> t.files().checkOpen(HandleKind.FILE, 1, true)).isNotNull();

        t.sample(SECOND);
        assertThat(kills).isEmpty();
        t.sample(12 * SECOND);

        assertThat(kills).hasSize(1).first().asString().startsWith("files: at its quota of 2 open file handles for ");
    }

    @Test
    void aNewQuotaAppliesToTheRunningInstance() throws Exception {
        GovernedTenant t = tenant("2", Escalation.defaults());
        fill(t, 2);

        t.setQuota(Quota.parse(Map.of("files", "3")));

        t.files().checkOpen(HandleKind.FILE, 1, true);
        assertThat(t.files().limit()).isEqualTo(3);
    }
}
