package io.cohost.kernel.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cohost.kernel.Host;
import io.cohost.kernel.HostConfig;
import io.cohost.kernel.management.DeployRequest;
import io.cohost.kernel.testing.TestWars;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An idle tenant gives its threads back after the keep-alive and gets new ones on the next request. */
class IdleTenantThreadsIT {
    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Host host;

    @AfterEach
    void stopHost() throws Exception {
        if (host != null) {
            host.stop();
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void idleTenantHoldsNoThreadsAndServesAgainOnDemand() throws Exception {
        host = Host.create(HostConfig.ephemeral(dataDir).withTenantIdleKeepAlive(Duration.ofMillis(300)));
        host.start();
        try (InputStream war = Files.newInputStream(TestWars.war("hello"))) {
            host.management().deploy("hello", war, DeployRequest.defaults());
        }
        URI hello = host.tenantUri().resolve("/hello/");
        TenantExecutor executor = host.registry().runningInstance("hello").orElseThrow().executor();
        ThreadGroup group = executor.threadGroup();

        assertThat(get(hello).body()).isEqualTo("Hello from /hello\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> group.activeCount() == 0);
        int startedWhileBusy = executor.threadsStarted();

        HttpResponse<String> again = get(hello);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("Hello from /hello\n");
        assertThat(executor.threadsStarted()).as("threads started after the pool had emptied").isGreaterThan(startedWhileBusy);
        await().atMost(Duration.ofSeconds(10)).until(() -> group.activeCount() == 0);
    }
}
