package io.cohost.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} on the admin connector: JVM meters and a request count per app and status. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIT {
    @TempDir
    static Path dataDir;

    private TestHost host;

    @BeforeAll
    void startHostWithHello() {
        host = TestHost.start(dataDir);
        assertThat(host.api().deploy("hello", TestWars.war("hello")).status()).isEqualTo(201);
    }

    @AfterAll
    void stopHost() throws Exception {
        host.close();
    }

    /** The value of one sample of the Prometheus text, or -1 when it is not there. */
    private static double sample(String metrics, String name, String app, String status) {
        Pattern line = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$");
        for (Matcher m = line.matcher(metrics); m.find(); ) {
            String labels = m.group(1);
            if (labels.contains("app=\"" + app + "\"") && labels.contains("status=\"" + status + "\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        return -1;
    }

    @Test
    void jvmMetricsAreExposed() {
        AdminApiClient.Reply metrics = host.api().metrics();

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes{").contains("jvm_threads_live_threads");
    }

    @Test
    void requestsAreCountedPerAppAndStatus() {
        for (int i = 0; i < 3; i++) {
            assertThat(host.get("/hello/").statusCode()).isEqualTo(200);
        }

        // The count is taken when the response completes, which may be just after the client has it.
        await().atMost(Duration.ofSeconds(10)).until(() ->
                sample(host.api().metrics().body(), "cohost_requests_seconds_count", "hello", "200") == 3.0);
    }

    @Test
    void failedRequestsAreCountedUnderTheirStatus() {
        double before = Math.max(0, sample(host.api().metrics().body(), "cohost_requests_seconds_count", "hello", "405"));

        assertThat(host.send(java.net.http.HttpRequest.newBuilder(host.app("/hello/"))
                .DELETE()).statusCode()).isEqualTo(405);

        await().atMost(Duration.ofSeconds(10)).until(() ->
                sample(host.api().metrics().body(), "cohost_requests_seconds_count", "hello", "405") == before + 1);
    }
}
