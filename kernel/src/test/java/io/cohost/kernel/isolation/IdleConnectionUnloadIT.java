package io.cohost.kernel.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cohost.kernel.testing.LiveHost;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that keeps its connection open after its last request to an app must not keep the app's
 * class loader alive once the app is undeployed (Jetty caches the app's channel on the connection).
 */
class IdleConnectionUnloadIT {

    @Test
    void anUndeployedAppIsCollectedWhileAClientStillHoldsAKeepAliveConnectionToIt(@TempDir Path data) throws Exception {
        try (LiveHost host = new LiveHost(data)) {
            host.deploy("hello", "hello");
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            assertThat(get(client, host, "/hello/").statusCode()).isEqualTo(200); // keep-alive: the connection stays open
            WeakReference<ClassLoader> loader = new WeakReference<>(
                    host.host.registry().runningInstance("hello").orElseThrow().classLoader());

            host.host.management().undeploy("hello");

            // well inside Jetty's 30 s idle timeout, which would otherwise be what releases it
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                System.gc();
                assertThat(loader.get()).as("hello's class loader, with the client's connection still open").isNull();
            });
            assertThat(get(client, host, "/hello/").statusCode()).as("the same client, on its open connection").isEqualTo(404);
        }
    }

    private static HttpResponse<String> get(HttpClient client, LiveHost host, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(host.host.tenantUri() + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
