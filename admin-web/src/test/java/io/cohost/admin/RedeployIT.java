package io.cohost.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploying over a running app switches versions only when the new version starts. */
class RedeployIT {
    @TempDir
    Path dataDir;

    private TestHost host;

    @BeforeEach
    void startHost() {
        host = TestHost.start(dataDir);
    }

    @AfterEach
    void stopHost() throws Exception {
        host.close();
    }

    private JsonNode recordOnDisk(String app) throws Exception {
        return new ObjectMapper().readTree(host.host().store().appDir(app).resolve("app.json").toFile());
    }

    @Test
    void newWarOverARunningAppSwitchesVersionAndKeepsThePreviousOne() throws Exception {
        assertThat(host.api().deploy("site", TestWars.war("hello")).status()).isEqualTo(201);
        assertThat(host.get("/site/").body()).isEqualTo("Hello from /site\n");

        AdminApiClient.Reply redeploy = host.api().deploy("site", TestWars.war("guestbook"));

        assertThat(redeploy.status()).isEqualTo(200);
        assertThat(redeploy.field("state")).isEqualTo("RUNNING");
        assertThat(redeploy.field("version")).isEqualTo(TestWars.version("guestbook"));
        assertThat(redeploy.field("previousVersion")).isEqualTo(TestWars.version("hello"));
        assertThat(host.get("/site/").body()).contains("<h1>Guestbook</h1>");
        assertThat(recordOnDisk("site").path("version").asText()).isEqualTo(TestWars.version("guestbook"));
        assertThat(TestHost.filesUnder(host.host().store().appDir("site").resolve("wars"))).containsExactlyInAnyOrder(
                TestWars.version("hello") + ".war", TestWars.version("guestbook") + ".war");
    }

    @Test
    void redeployWhoseNewVersionFailsToStartIsRefusedAndTheOldVersionKeepsServing() throws Exception {
        assertThat(host.api().deploy("hello", TestWars.war("hello")).status()).isEqualTo(201);
        String startedAt = host.api().app("hello").field("startedAt");

        AdminApiClient.Reply redeploy = host.api().deploy("hello", TestWars.war("bad-start"));

        assertThat(redeploy.status()).isEqualTo(422);
        assertThat(redeploy.field("error")).contains("app 'hello'").contains("previous version keeps serving");
        assertThat(redeploy.field("detail")).contains("bad-start: database URL is not configured");

        AdminApiClient.Reply hello = host.api().app("hello");
        assertThat(hello.field("state")).isEqualTo("RUNNING");
        assertThat(hello.field("version")).isEqualTo(TestWars.version("hello"));
        assertThat(hello.field("startedAt")).isEqualTo(startedAt);
        assertThat(hello.json().path("events")).anySatisfy(e -> {
            assertThat(e.path("type").asText()).isEqualTo("redeploy-failed");
            assertThat(e.path("detail").asText()).contains("bad-start: database URL is not configured");
        });
        assertThat(host.get("/hello/").statusCode()).isEqualTo(200);
        assertThat(host.get("/hello/").body()).isEqualTo("Hello from /hello\n");
        assertThat(recordOnDisk("hello").path("version").asText()).isEqualTo(TestWars.version("hello"));
        assertThat(TestHost.filesUnder(host.host().store().appDir("hello").resolve("wars")))
                .containsExactly(TestWars.version("hello") + ".war");
    }

    @Test
    void redeployOfTheSameWarKeepsTheEarlierPreviousVersion() throws Exception {
        host.api().deploy("site", TestWars.war("hello"));
        host.api().deploy("site", TestWars.war("guestbook"));

        AdminApiClient.Reply again = host.api().deploy("site", TestWars.war("guestbook"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.field("version")).isEqualTo(TestWars.version("guestbook"));
        assertThat(again.field("previousVersion")).isEqualTo(TestWars.version("hello"));
        assertThat(host.get("/site/").body()).contains("<h1>Guestbook</h1>");
    }
}
