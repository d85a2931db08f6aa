package io.cohost.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** An app whose listener throws at start ends FAILED with its own exception visible; others keep serving. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailedStartIT {
    private static final String CAUSE = "bad-start: database URL is not configured";

    @TempDir
    static Path dataDir;

    private TestHost host;
    private AdminApiClient.Reply deploy;

    @BeforeAll
    void deployHelloThenBadStart() {
        host = TestHost.start(dataDir);
        assertThat(host.api().deploy("hello", TestWars.war("hello")).status()).isEqualTo(201);
        deploy = host.api().deploy("bad-start", TestWars.war("bad-start"));
    }

    @AfterAll
    void stopHost() throws Exception {
        host.close();
    }

    @Test
    void deployAnswersAClientErrorNamingTheAppAndItsException() {
        assertThat(deploy.status()).isBetween(400, 499);
        assertThat(deploy.field("error")).contains("'bad-start'").contains("failed to start");
        assertThat(deploy.field("detail")).contains(CAUSE);
    }

    @Test
    void appIsFailedWithTheListenersExceptionAsItsStateDetail() {
        AdminApiClient.Reply app = host.api().app("bad-start");

        assertThat(app.status()).isEqualTo(200);
        assertThat(app.field("state")).isEqualTo("FAILED");
        assertThat(app.field("stateDetail")).contains("IllegalStateException").contains(CAUSE);
    }

    @Test
    void eventsRecordTheFailedStartWithItsCause() {
        JsonNode events = host.api().app("bad-start").json().path("events");

        assertThat(events).anySatisfy(e -> {
            assertThat(e.path("from").asText()).isEqualTo("STARTING");
            assertThat(e.path("to").asText()).isEqualTo("FAILED");
            assertThat(e.path("detail").asText()).contains(CAUSE);
            assertThat(e.path("at").asText()).isNotEmpty();
        });
    }

    @Test
    void failedAppAnswersUnavailableWithItsState() {
        var page = host.get("/bad-start/");

        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.body()).doesNotContain("bad-start is serving");
    }

    @Test
    void otherAppsKeepServing() {
        var page = host.get("/hello/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("Hello from /hello\n");
        assertThat(host.api().state("hello")).isEqualTo("RUNNING");
    }
}
