package io.cohost.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The sample apps deploy through PUT /api/apps/NAME and serve their pages; guestbook keeps sessions. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDeployIT {
    @TempDir
    static Path dataDir;

    private TestHost host;
    private AdminApiClient.Reply helloDeploy;
    private AdminApiClient.Reply guestbookDeploy;

    @BeforeAll
    void deployBothSamples() {
        host = TestHost.start(dataDir);
        helloDeploy = host.api().deploy("hello", TestWars.war("hello"));
        guestbookDeploy = host.api().deploy("guestbook", TestWars.war("guestbook"));
    }

    @AfterAll
    void stopHost() throws Exception {
        host.close();
    }

    @Test
    void deployAnswersCreatedWithTheRunningAppAndItsVersion() {
        assertThat(helloDeploy.status()).isEqualTo(201);
        assertThat(helloDeploy.field("name")).isEqualTo("hello");
        assertThat(helloDeploy.field("state")).isEqualTo("RUNNING");
        assertThat(helloDeploy.field("contextPath")).isEqualTo("/hello");
        assertThat(helloDeploy.field("version")).isEqualTo(TestWars.version("hello"));
        assertThat(guestbookDeploy.status()).isEqualTo(201);
        assertThat(guestbookDeploy.field("version")).isEqualTo(TestWars.version("guestbook"));
    }

    @Test
    void bothAppsAreListedRunning() {
        AdminApiClient.Reply apps = host.api().apps();

        assertThat(apps.status()).isEqualTo(200);
        assertThat(apps.json().path("apps").findValuesAsText("name")).containsExactly("guestbook", "hello");
        assertThat(apps.json().path("apps").findValuesAsText("state")).containsOnly("RUNNING");
    }

    @Test
    void helloServesItsGreeting() {
        HttpResponse<String> page = host.get("/hello/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("Hello from /hello\n");
    }

    @Test
    void guestbookServesItsPageAndItsBundledJsonLibrary() {
        HttpResponse<String> page = host.get("/guestbook/");
        HttpResponse<String> json = host.get("/guestbook/entries.json");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Guestbook</h1>");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).contains("\"jsonLibrary\":\"com.google.gson.Gson\"");
    }

    @Test
    void guestbookRemembersTheWriterInTheSessionAndNobodyElse() throws Exception {
        HttpResponse<String> posted = host.send(HttpRequest.newBuilder(host.app("/guestbook/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=Ada&message=first+entry")));
        assertThat(posted.statusCode()).isEqualTo(302);
        String location = posted.headers().firstValue("Location").orElseThrow();
        assertThat(posted.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID="));

        HttpResponse<String> followed = host.send(HttpRequest.newBuilder(host.app("/guestbook/").resolve(location)).GET());

        assertThat(followed.statusCode()).isEqualTo(200);
        assertThat(followed.body()).contains("Welcome back, Ada").contains("<b>Ada</b>: first entry");

        HttpClient stranger = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> strangerPage = stranger.send(HttpRequest.newBuilder(host.app("/guestbook/"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(strangerPage.body()).contains("Welcome, stranger").contains("<b>Ada</b>: first entry");
    }
}
