package io.cohost.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** The API endpoints the UI needs beyond the host foundation's: rollback, quota, logs, figures, tokens. One host; each test its own app. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiIT {
    private final ObjectMapper json = new ObjectMapper();
    TestHost host;
    AdminHttp api;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        host = TestHost.start(data);
        api = host.adminHttp();
    }

    @AfterAll
    void stop() throws Exception {
        host.close();
    }

    private JsonNode body(HttpResponse<String> r) throws Exception {
        return json.readTree(r.body());
    }

    private HttpResponse<String> deploy(String path, String war) throws Exception {
        return api.put(path, HttpRequest.BodyPublishers.ofFile(TestWars.war(war)));
    }

    @Test
    void rollbackGoesBackToThePreviousVersion() throws Exception {
        String first = body(deploy("/api/apps/roll", "hello")).get("version").asText();
        deploy("/api/apps/roll", "guestbook");

        HttpResponse<String> r = api.post("/api/apps/roll/rollback");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(body(r).get("version").asText()).isEqualTo(first);
        assertThat(body(r).get("state").asText()).isEqualTo("RUNNING");
    }

    @Test
    void rollbackWithoutAPreviousVersionIs409() throws Exception {
        deploy("/api/apps/once", "hello");

        HttpResponse<String> r = api.post("/api/apps/once/rollback");

        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(body(r).get("error").asText()).contains("no previous version");
    }

    @Test
    void aQuotaIsSetInKubernetesUnitsAndReadBackCanonically() throws Exception {
        deploy("/api/apps/limited", "hello");

        HttpResponse<String> put = api.putJson("/api/apps/limited/quota",
                "{\"cpu\":\"1.5\",\"memory\":\"131072Ki\",\"files\":64,\"threads\":\"32\",\"requestCpu\":\"200ms\"}");

        assertThat(put.statusCode()).isEqualTo(200);
        JsonNode quota = body(api.get("/api/apps/limited/quota")).get("quota");
        assertThat(quota.get("cpu").asText()).isEqualTo("1500m");
        assertThat(quota.get("memory").asText()).isEqualTo("128Mi");
        assertThat(quota.get("files").asText()).isEqualTo("64");
        assertThat(quota.get("requestCpu").asText()).isEqualTo("200ms");
        assertThat(body(api.get("/api/apps/limited")).get("quota").get("threads").asText()).isEqualTo("32");

        api.putJson("/api/apps/limited/quota", "{\"cpu\":\"250m\",\"memory\":\"\"}"); // "" = back to the host default
        JsonNode changed = body(api.get("/api/apps/limited/quota")).get("quota");
        assertThat(changed.get("cpu").asText()).isEqualTo("250m");
        assertThat(changed.has("memory")).isFalse();
        assertThat(changed.get("threads").asText()).isEqualTo("32");
    }

    @Test
    void aWrongQuotaIs400WithTheAcceptedFormsAndChangesNothing() throws Exception {
        deploy("/api/apps/strict", "hello");
        api.putJson("/api/apps/strict/quota", "{\"cpu\":\"250m\"}");

        HttpResponse<String> milli = api.putJson("/api/apps/strict/quota", "{\"memory\":\"128m\"}");
        HttpResponse<String> unknown = api.putJson("/api/apps/strict/quota", "{\"cpus\":\"1\"}");
        HttpResponse<String> notJson = api.putJson("/api/apps/strict/quota", "cpu=1");

        assertThat(milli.statusCode()).isEqualTo(400);
        assertThat(body(milli).get("error").asText()).contains("invalid memory quota '128m'").contains("'128Mi'");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(body(unknown).get("error").asText()).contains("cpu, memory, files, threads, requestCpu");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(body(api.get("/api/apps/strict/quota")).get("quota").get("cpu").asText()).isEqualTo("250m");
    }

    @Test
    void aDeployCanCarryAQuotaAndAWrongOneRefusesTheDeploy() throws Exception {
        HttpResponse<String> ok = deploy("/api/apps/with-quota?cpu=250m&memory=64Mi", "hello");
        HttpResponse<String> bad = deploy("/api/apps/bad-quota?cpu=lots", "hello");

        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(body(ok).get("quota").get("cpu").asText()).isEqualTo("250m");
        assertThat(body(ok).get("quota").get("memory").asText()).isEqualTo("64Mi");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(body(bad).get("error").asText()).contains("invalid cpu quota 'lots'").contains("'250m'");
        assertThat(api.get("/api/apps/bad-quota").statusCode()).isEqualTo(404);
    }

    @Test
    void aWarThatFailsToStartIsReportedWithItsCause() throws Exception {
        HttpResponse<String> r = deploy("/api/apps/broken", "bad-start");

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(body(r).get("detail").asText()).contains("database URL is not configured");
        JsonNode app = body(api.get("/api/apps/broken"));
        assertThat(app.get("state").asText()).isEqualTo("FAILED");
    }

    @Test
    void theLogTailIsServedForAnAppAndRefusedForAnUnknownOne() throws Exception {
        deploy("/api/apps/logs", "hello");

        HttpResponse<String> logs = api.get("/api/apps/logs/logs?tail=50");

        assertThat(logs.statusCode()).isEqualTo(200);
        assertThat(body(logs).get("lines").isArray()).isTrue();
        assertThat(api.get("/api/apps/logs/logs?tail=many").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/apps/nope/logs").statusCode()).isEqualTo(404);
    }

    @Test
    void liveFiguresShowRequestsAndLeaveUnmeasuredResourcesOut() throws Exception {
        deploy("/api/apps/busy", "hello");
        HttpClient http = HttpClient.newHttpClient();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            http.send(HttpRequest.newBuilder(host.app("/busy/")).build(), HttpResponse.BodyHandlers.discarding());
            JsonNode figures = body(api.get("/api/figures")).get("apps").get("busy");
            assertThat(figures).isNotNull();
            assertThat(figures.get("figures").get("requestsPerSecond").asDouble()).isPositive();
            assertThat(figures.get("figures").has("p99Seconds")).isTrue();
        });

        // the governor meters threads and, with the descriptor agent the tests run with, open files
        JsonNode figures = body(api.get("/api/figures")).get("apps").get("busy").get("figures");
        assertThat(figures.has("threads")).isTrue();
        assertThat(figures.get("openFiles").asDouble()).isNotNegative();
        JsonNode series = body(api.get("/api/apps/busy/figures"));
        assertThat(series.get("samples").size()).isPositive();
        assertThat(series.get("intervalSeconds").asInt()).isPositive();
    }

    @Test
    void hostFiguresAndTheTenantUrlAreServed() throws Exception {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(body(api.get("/api/host")).get("figures").has("cpuMillicores")).isTrue());

        JsonNode host = body(api.get("/api/host"));
        JsonNode f = host.get("figures");
        assertThat(f.get("heapUsedBytes").asDouble()).isPositive();
        assertThat(f.get("heapHeadroomBytes").asDouble()).isEqualTo(f.get("heapMaxBytes").asDouble() - f.get("heapUsedBytes").asDouble());
        assertThat(f.get("threads").asDouble()).isPositive();
        assertThat(f.has("gcSeconds")).isTrue();
        assertThat(host.get("tenantUrl").asText()).isEqualTo(this.host.host().tenantUri().toString());
    }

    @Test
    void tokensAreCreatedListedWithoutSecretsAndRevoked() throws Exception {
        HttpResponse<String> created = api.postJson("/api/tokens", "{\"name\":\"ci\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = body(created).get("id").asText();
        String secret = body(created).get("token").asText();

        String list = api.get("/api/tokens").body();
        assertThat(list).contains("\"ci\"").contains(id).doesNotContain(secret).doesNotContain("sha256");

        assertThat(api.delete("/api/tokens/" + id).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/tokens").body()).doesNotContain(id);
        assertThat(api.delete("/api/tokens/" + id).statusCode()).isEqualTo(404);
        assertThat(api.postJson("/api/tokens", "{\"name\":\"\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void aWrongMethodIs405AndAnUnknownAppIs404() throws Exception {
        HttpResponse<String> wrong = api.send("PATCH", "/api/apps");

        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("Allow")).contains("GET");
        assertThat(api.get("/api/apps/ghost").statusCode()).isEqualTo(404);
        assertThat(api.post("/api/apps/ghost/rollback").statusCode()).isEqualTo(404);
    }
}
