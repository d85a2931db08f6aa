package io.cohost.kernel.isolation;

import io.cohost.kernel.testing.LiveHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cohost.kernel.management.AppInfo;
import io.cohost.kernel.tenant.TenantEvent;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every way of calling exit or halt stops only the calling app, which ends KILLED with the status in
 * its event; the JVM, the host and the other apps keep running. (The test JVM itself would die if any
 * call got through.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExitInterceptionIT {
    Path data;
    LiveHost host;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        this.data = data;
        host = new LiveHost(data);
        host.deploy("exit-caller", "exit-caller");
        host.deploy("hello", "hello");
    }

    @AfterAll
    void stop() throws Exception {
        host.close();
    }

    @ParameterizedTest(name = "{0} stops only the caller")
    @CsvSource({
            "system-exit, System.exit, 11",
            "runtime-exit, Runtime.exit, 12",
            "runtime-halt, Runtime.halt, 13",
            "reflect-exit, System.exit, 14",
            "reflect-halt, Runtime.halt, 15",
            "handle-exit, System.exit, 16",
            "method-ref-exit, System.exit, 17"})
    void exitVariantStopsOnlyTheCallingApp(String variant, String call, int status) {
        if (!host.state("exit-caller").equals("RUNNING")) {
            host.host.management().start("exit-caller");
        }
        assertThat(host.get("/exit-caller/")).isEqualTo("alive");

        var response = host.send("/exit-caller/" + variant + "?status=" + status);

        assertThat(response.statusCode()).isEqualTo(500);
        await().atMost(Duration.ofSeconds(10)).until(() -> host.state("exit-caller").equals("KILLED"));
        AppInfo app = host.host.management().app("exit-caller");
        assertThat(app.stateDetail()).contains(call).contains("status=" + status);
        TenantEvent last = app.events().stream().filter(e -> e.type().equals(TenantEvent.TRANSITION))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(last.to().name()).isEqualTo("KILLED");
        assertThat(last.detail()).contains("status=" + status);
        assertThat(host.send("/exit-caller/").statusCode()).isEqualTo(503);
        assertThat(host.get("/hello/")).isEqualTo("Hello from /hello\n");
        assertThat(host.host.isRunning()).isTrue();
    }
}
