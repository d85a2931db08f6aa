package io.cohost.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten deploy, undeploy and restart calls at once, on one app and on several, leave the registry and
 * the data directory agreeing with each other.
 */
class ConcurrentOperationsIT {
    private static final Set<String> SETTLED = Set.of("RUNNING", "STOPPED", "FAILED");

    @TempDir
    Path dataDir;

    private TestHost host;
    private ExecutorService clients;

    @BeforeEach
    void startHostWithThreeApps() {
        host = TestHost.start(dataDir);
        clients = Executors.newFixedThreadPool(10);
        for (String app : List.of("alpha", "beta", "gamma")) {
            assertThat(host.api().deploy(app, TestWars.war("hello")).status()).isEqualTo(201);
        }
    }

    @AfterEach
    void stopHost() throws Exception {
        clients.shutdownNow();
        host.close();
    }

    @RepeatedTest(2)
    void concurrentOperationsLeaveRegistryAndDataDirectoryConsistent() throws Exception {
        AdminApiClient api = host.api();
        List<Supplier<AdminApiClient.Reply>> operations = List.of(
                () -> api.deploy("alpha", TestWars.war("guestbook")),
                () -> api.undeploy("alpha"),
                () -> api.restart("alpha"),
                () -> api.deploy("alpha", TestWars.war("hello")),
                () -> api.stop("alpha"),
                () -> api.deploy("beta", TestWars.war("guestbook")),
                () -> api.restart("beta"),
                () -> api.undeploy("gamma"),
                () -> api.deploy("gamma", TestWars.war("guestbook")),
                () -> api.deploy("delta", TestWars.war("hello")));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<AdminApiClient.Reply>> replies = new ArrayList<>();
        for (Supplier<AdminApiClient.Reply> operation : operations) {
            replies.add(clients.submit(() -> {
                go.await();
                return operation.get();
            }));
        }

        go.countDown();

        for (Future<AdminApiClient.Reply> reply : replies) {
            AdminApiClient.Reply r = reply.get(2, TimeUnit.MINUTES);
            // Losing a race is fine (the app is gone, or busy); a server error is not.
            assertThat(r.status()).as(r.body()).isIn(200, 201, 404, 409);
        }
        assertRegistryAndDataDirectoryAgree();
    }

    private void assertRegistryAndDataDirectoryAgree() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Set<String> listed = new TreeSet<>();
        for (JsonNode app : host.api().apps().json().path("apps")) {
            String name = app.path("name").asText();
            listed.add(name);
            Path record = host.host().store().appDir(name).resolve("app.json");
            assertThat(record).as("record of listed app '%s'", name).isRegularFile();
            JsonNode onDisk = json.readTree(record.toFile());
            assertThat(onDisk.path("version").asText()).as("version of '%s' on disk", name).isEqualTo(app.path("version").asText());
            assertThat(host.host().store().warPath(name, onDisk.path("version").asText())).as("WAR of '%s'", name).isRegularFile();
            assertThat(app.path("state").asText()).as("state of '%s'", name).isIn(SETTLED);
            assertThat(onDisk.path("desiredState").asText()).as("desired state of '%s'", name).isEqualTo(app.path("desiredState").asText());
            if (app.path("state").asText().equals("RUNNING")) {
                assertThat(host.get(app.path("contextPath").asText() + "/").statusCode()).as("answer of running '%s'", name).isEqualTo(200);
            }
        }
        Set<String> onDisk = new TreeSet<>();
        try (var dirs = Files.list(host.host().store().appsDir())) {
            dirs.forEach(d -> onDisk.add(d.getFileName().toString()));
        }
        assertThat(onDisk).as("app folders on disk").isEqualTo(listed);
        assertThat(TestHost.filesUnder(host.host().store().tmpDir().resolve("uploads"))).as("files left in tmp/uploads").isEmpty();
    }
}
