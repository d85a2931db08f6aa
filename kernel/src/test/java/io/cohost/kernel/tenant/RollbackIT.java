package io.cohost.kernel.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohost.kernel.management.AppInfo;
import io.cohost.kernel.management.ManagementException;
import io.cohost.kernel.testing.LiveHost;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Rollback to the version the host keeps from before the current one. One host; each test its own app. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RollbackIT {
    LiveHost host;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        host = new LiveHost(data);
    }

    @AfterAll
    void stop() throws Exception {
        host.close();
    }

    @Test
    void rollbackServesThePreviousVersionAgainAndASecondRollbackUndoesIt() throws Exception {
        AppInfo first = host.deploy("roll", "hello");
        AppInfo second = host.deploy("roll", "guestbook");
        assertThat(host.get("/roll/")).doesNotContain("Hello from");

        AppInfo rolledBack = host.host.management().rollback("roll");

        assertThat(rolledBack.state()).isEqualTo("RUNNING");
        assertThat(rolledBack.version()).isEqualTo(first.version());
        assertThat(rolledBack.previousVersion()).isEqualTo(second.version());
        assertThat(host.get("/roll/")).isEqualTo("Hello from /roll\n");
        assertThat(rolledBack.events()).anySatisfy(e -> assertThat(e.type()).isEqualTo("rollback"));

        AppInfo again = host.host.management().rollback("roll");
        assertThat(again.version()).isEqualTo(second.version());
        assertThat(host.get("/roll/")).doesNotContain("Hello from");
    }

    @Test
    void aStoppedAppRollsBackWithoutStarting() throws Exception {
        AppInfo first = host.deploy("stopped", "hello");
        host.deploy("stopped", "guestbook");
        host.host.management().stop("stopped");

        AppInfo rolledBack = host.host.management().rollback("stopped");

        assertThat(rolledBack.state()).isEqualTo("STOPPED");
        assertThat(rolledBack.version()).isEqualTo(first.version());
        assertThat(host.send("/stopped/").statusCode()).isEqualTo(503);
    }

    @Test
    void rollbackKeepsTheAppsQuota() throws Exception {
        host.deploy("limited", "hello");
        host.deploy("limited", "guestbook");
        host.host.management().setQuota("limited", Map.of("cpu", "250m"));

        AppInfo rolledBack = host.host.management().rollback("limited");

        assertThat(rolledBack.quota()).containsEntry("cpu", "250m");
    }

    @Test
    void anAppWithOneVersionHasNothingToRollBackTo() throws Exception {
        host.deploy("single", "hello");

        assertThatThrownBy(() -> host.host.management().rollback("single"))
                .isInstanceOf(ManagementException.class)
                .hasMessageContaining("app 'single' has no previous version")
                .extracting(e -> ((ManagementException) e).kind()).isEqualTo(ManagementException.Kind.CONFLICT);
    }
}
