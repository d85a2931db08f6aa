package io.cohost.kernel.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cohost.governor.GovernedTenant;
import io.cohost.kernel.isolation.WarRewriter;
import io.cohost.kernel.testing.LiveHost;
import io.cohost.kernel.testing.TenantSources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The governor measures an app, pausing it, while one of the app's classes is still in its static
 * initializer. The walk must not wait for that initializer (it is parked until the walk ends): the app
 * is measured on, and the class's statics count once it is initialized. HeapContainmentIT ran into it
 * on JDK 25: the low-memory breaker walked every app while the guestbook's first request was initializing
 * one of Gson's enums; the governor's heap thread then waited forever, no app was measured again and
 * admission to every app stayed paused.
 */
class HeapWalkDuringStaticInitIT {
    private static final String SERVLET = """
            package slowinit;

            @jakarta.servlet.annotation.WebServlet("/held")
            public class HeldServlet extends jakarta.servlet.http.HttpServlet {
                @Override
                protected void doGet(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse resp)
                        throws java.io.IOException {
                    resp.getWriter().print("held " + Held.count());
                }
            }
            """;
    /** Allocates until the test lets it finish, so the allocation trigger measures the app (paused) meanwhile. */
    private static final String HELD = """
            package slowinit;

            public class Held {
                static final java.util.List<byte[]> KEPT = new java.util.ArrayList<>();
                static byte[] churn;

                static {
                    KEPT.add(new byte[512 * 1024]);
                    java.io.File tmp = new java.io.File(System.getProperty("java.io.tmpdir"));
                    try {
                        new java.io.File(tmp, "initializing").createNewFile();
                        while (!new java.io.File(tmp, "release").exists()) {
                            churn = new byte[64 * 1024];
                            Thread.sleep(1);
                        }
                    } catch (java.io.IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }

                static int count() {
                    return KEPT.size();
                }
            }
            """;

    @Test
    void anAppMeasuredWhileAClassOfItsIsInitializingIsMeasuredOn(@TempDir Path data) throws Exception {
        Path war = WarRewriter.rewrite(LiveHost.WARS.resolve("hello.war"), data.resolve("slowinit.war"), Map.of(),
                TenantSources.compile(Map.of("slowinit/HeldServlet.java", SERVLET, "slowinit/Held.java", HELD)));
        try (LiveHost host = new LiveHost(data.resolve("host"))) {
            host.deploy("slowinit", war);
            host.host.management().setQuota("slowinit", Map.of("memory", "2Mi"));
            Path tmp = data.resolve("host").resolve("work").resolve("slowinit").resolve("tmp");
            GovernedTenant governed = host.host.registry().runningInstance("slowinit").orElseThrow().governed();
            HttpClient http = HttpClient.newHttpClient();
            CompletableFuture<HttpResponse<String>> answer = http.sendAsync(
                    HttpRequest.newBuilder(URI.create(host.host.tenantUri() + "/slowinit/held")).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(tmp.resolve("initializing")));
                long initializingSince = System.currentTimeMillis();

                await("the app is measured again while Held initializes").atMost(Duration.ofSeconds(10))
                        .until(() -> governed.retainedMeasuredAtMillis() > initializingSince + 200);
                assertThat(host.state("slowinit")).isEqualTo("RUNNING");
            } finally {
                Files.createFile(tmp.resolve("release"));
            }
            assertThat(answer.get(30, TimeUnit.SECONDS).body()).isEqualTo("held 1");
            assertThat(host.host.governor().measureHeap(governed).bytes()).as("Held's statics, now it is initialized")
                    .isGreaterThan(512 * 1024);
        }
    }
}
