package io.cohost.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cohost.kernel.HostConfig;
import io.cohost.kernel.management.access.AdminCredentials;
import io.cohost.kernel.management.access.ApiTokens;
import io.cohost.kernel.management.access.AuditEntry;
import io.cohost.kernel.management.access.AuditLog;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may use the admin plane, and how: over real HTTP against one host. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminAccessIT {
    private static final long UPLOAD_LIMIT = 64 * 1024;

    TestHost host;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        host = TestHost.start(HostConfig.ephemeral(data).withUploadLimits(UPLOAD_LIMIT, 1L << 30));
        host.deploy("hello", "hello");
    }

    @AfterAll
    void stop() throws Exception {
        host.close();
    }

    static Stream<List<String>> apiRoutes() {
        return Stream.of(
                List.of("GET", "/api/apps"), List.of("GET", "/api/apps/hello"), List.of("PUT", "/api/apps/hello"),
                List.of("DELETE", "/api/apps/hello"), List.of("POST", "/api/apps/hello/start"),
                List.of("POST", "/api/apps/hello/stop"), List.of("POST", "/api/apps/hello/restart"),
                List.of("POST", "/api/apps/hello/rollback"), List.of("GET", "/api/apps/hello/quota"),
                List.of("PUT", "/api/apps/hello/quota"), List.of("GET", "/api/apps/hello/logs"),
                List.of("GET", "/api/apps/hello/figures"), List.of("GET", "/api/host"), List.of("GET", "/api/figures"),
                List.of("GET", "/api/tokens"), List.of("POST", "/api/tokens"), List.of("DELETE", "/api/tokens/abc"),
                List.of("GET", "/api/audit"), List.of("GET", "/api/session"), List.of("GET", "/api/leaks"),
                List.of("GET", "/api/nothing"),
                List.of("POST", "/logout"), List.of("GET", "/metrics"));
    }

    @ParameterizedTest
    @MethodSource("apiRoutes")
    void everyApiRouteAndMetricsRefuseAnUnauthenticatedRequest(List<String> route) throws Exception {
        HttpResponse<String> r = host.anonymous().send(route.get(0), route.get(1));

        assertThat(r.statusCode()).as(route.toString()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"cohost\"");
        assertThat(r.body()).contains("login required").doesNotContain("hello\"");
    }

    @Test
    void anUnauthenticatedRequestChangesNothing() throws Exception {
        host.anonymous().delete("/api/apps/hello");
        host.anonymous().post("/api/apps/hello/stop");

        assertThat(host.host().management().app("hello").state()).isEqualTo("RUNNING");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/deploy", "/apps/hello", "/tokens", "/audit", "/static/common.js", "/static/app.js"})
    void everyPageRedirectsAnUnauthenticatedBrowserToTheLogin(String page) throws Exception {
        HttpResponse<String> r = host.anonymous().get(page);

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?next=" + page.replace("/", "%2F")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/login", "/static/login.js", "/static/cohost.css", "/static/favicon.svg"})
    void theLoginPageAndItsAssetsArePublic(String path) throws Exception {
        assertThat(host.anonymous().get(path).statusCode()).isEqualTo(200);
    }

    @Test
    void aBearerTokenWorksUntilItIsRevoked() throws Exception {
        ApiTokens.IssuedToken issued = ApiTokens.in(host.data()).create("script", "test");
        AdminHttp script = host.anonymous().withToken(issued.token());
        assertThat(script.get("/api/apps").statusCode()).isEqualTo(200);
        assertThat(script.get("/metrics").body()).contains("cohost_requests_seconds");

        HttpResponse<String> revoked = host.adminHttp().delete("/api/tokens/" + issued.info().id());
        assertThat(revoked.statusCode()).isEqualTo(200);

        HttpResponse<String> after = script.get("/api/apps");
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.body()).contains("the API token is not valid");
        assertThat(script.get("/metrics").statusCode()).isEqualTo(401);
    }

    @Test
    void aMadeUpTokenOrAnotherSchemeIsRefused() throws Exception {
        assertThat(host.anonymous().withToken("cohost_made-up").get("/api/apps").statusCode()).isEqualTo(401);
        HttpResponse<String> basic = host.anonymous().send(host.anonymous().request("/api/apps")
                .header("Authorization", "Basic YWRtaW46YWRtaW4="));
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.body()).contains("only bearer tokens");
    }

    @Test
    void loginGivesAnHttpOnlySameSiteStrictSessionCookieAndACsrfToken() throws Exception {
        HttpResponse<String> r = host.anonymous().postLogin("admin", TestHost.PASSWORD);

        assertThat(r.statusCode()).isEqualTo(200);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("cohost_session=").contains("HttpOnly").contains("SameSite=Strict").contains("Path=/")
                .doesNotContain("Max-Age").doesNotContain("Expires");
        assertThat(r.body()).contains("\"csrfToken\"");
    }

    @Test
    void aWrongPasswordGets401AndNoCookie() throws Exception {
        HttpResponse<String> r = host.anonymous().postLogin("admin", "not the password");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(r.body()).contains("wrong user name or password");
    }

    @Test
    void aSessionReadsWithoutCsrfTokenButChangesOnlyWithTheRightOne() throws Exception {
        host.deploy("csrf", "hello");
        AdminHttp browser = host.anonymous().login();
        assertThat(browser.withoutCsrf().get("/api/apps").statusCode()).isEqualTo(200);

        HttpResponse<String> missing = browser.withoutCsrf().post("/api/apps/csrf/stop");
        HttpResponse<String> wrong = browser.withCsrf("not-the-token").post("/api/apps/csrf/stop");

        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.body()).contains("no CSRF token");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("CSRF token is not this session's");
        assertThat(host.host().management().app("csrf").state()).isEqualTo("RUNNING");

        HttpResponse<String> right = browser.post("/api/apps/csrf/stop");
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(host.host().management().app("csrf").state()).isEqualTo("STOPPED");
    }

    @Test
    void anotherSessionsCsrfTokenDoesNotWork() throws Exception {
        AdminHttp mine = host.anonymous().login();
        AdminHttp theirs = host.anonymous().login();

        assertThat(mine.withCsrf(theirs.csrf().orElseThrow()).postJson("/api/tokens", "{\"name\":\"x\"}").statusCode())
                .isEqualTo(403);
    }

    @Test
    void aRequestFromAnotherSiteIsRefusedEvenWithTheToken() throws Exception {
        AdminHttp browser = host.anonymous().login();

        HttpResponse<String> otherOrigin = browser.send(browser.request("/api/tokens")
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")));
        HttpResponse<String> crossSite = browser.send(browser.request("/api/tokens")
                .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")));
        HttpResponse<String> sameOrigin = browser.send(browser.request("/api/tokens")
                .header("Origin", host.adminUri().toString()).header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"same-origin\"}")));

        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        assertThat(otherOrigin.body()).contains("another origin");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(sameOrigin.statusCode()).isEqualTo(201);
    }

    @Test
    void aLoginFormPostedFromAnotherSiteIsRefused() throws Exception {
        HttpResponse<String> r = host.anonymous().send(host.anonymous().request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded").header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + TestHost.PASSWORD)));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        AdminHttp browser = host.anonymous().login();
        assertThat(browser.get("/api/session").statusCode()).isEqualTo(200);

        HttpResponse<String> out = browser.post("/logout");

        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(out.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).startsWith("cohost_session=;").contains("Expires=Thu, 01 Jan 1970"));
        assertThat(browser.get("/api/session").statusCode()).isEqualTo(401);
        assertThat(browser.get("/").statusCode()).isEqualTo(303);
    }

    @Test
    void resettingThePasswordEndsOpenSessions() throws Exception {
        AdminHttp browser = host.anonymous().login();
        try {
            AdminCredentials.in(host.data()).setPassword("an-interim-password".toCharArray());

            assertThat(browser.get("/api/session").statusCode()).isEqualTo(401);
        } finally {
            AdminCredentials.in(host.data()).setPassword(TestHost.PASSWORD.toCharArray());
        }
    }

    @Test
    void anUploadOverTheLimitGets413BeforeItIsRead() throws Exception {
        byte[] big = new byte[(int) UPLOAD_LIMIT + 1];
        HttpResponse<String> r = host.adminHttp().put("/api/apps/big", HttpRequest.BodyPublishers.ofByteArray(big));

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("larger than the limit of " + UPLOAD_LIMIT + " bytes").contains("--max-upload-mb");
        assertThat(host.host().management().apps()).noneMatch(a -> a.name().equals("big"));
    }

    @Test
    void anUploadOfUnknownLengthIsCutOffAtTheLimitWith413() throws Exception {
        byte[] big = new byte[(int) UPLOAD_LIMIT * 2];
        HttpResponse<String> r = host.adminHttp().put("/api/apps/chunked",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(host.host().management().apps()).noneMatch(a -> a.name().equals("chunked"));
    }

    @Test
    void aJsonBodyOverItsLimitGets413() throws Exception {
        String json = "{\"name\":\"" + "x".repeat(70 * 1024) + "\"}";

        assertThat(host.adminHttp().postJson("/api/tokens", json).statusCode()).isEqualTo(413);
    }

    static Stream<List<String>> responses() {
        return Stream.of(List.of("anonymous", "/api/apps"), List.of("anonymous", "/"), List.of("anonymous", "/login"),
                List.of("anonymous", "/static/cohost.css"), List.of("token", "/api/apps"), List.of("token", "/"),
                List.of("token", "/static/app.js"), List.of("token", "/no/such/page"), List.of("token", "/metrics"));
    }

    @ParameterizedTest
    @MethodSource("responses")
    void everyResponseCarriesTheSecurityHeaders(List<String> request) throws Exception {
        AdminHttp client = request.get(0).equals("token") ? host.adminHttp() : host.anonymous();

        HttpResponse<String> r = client.get(request.get(1));

        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline"));
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    }

    @Test
    void stateChangingActionsAreAuditedWithWhoFromWhereWhatAndResult() throws Exception {
        host.deploy("audited", "hello");
        AdminHttp browser = host.anonymous().login();
        browser.post("/api/apps/audited/stop");
        host.adminHttp().putJson("/api/apps/audited/quota", "{\"cpu\":\"250m\"}");
        host.anonymous().postLogin("admin", "a wrong guess");
        host.anonymous().post("/api/apps/audited/start");

        List<AuditEntry> entries = AuditLog.in(host.data()).recent(50);

        assertThat(entries).anySatisfy(e -> assertThat(e).extracting(AuditEntry::who, AuditEntry::via, AuditEntry::from,
                AuditEntry::action, AuditEntry::target, AuditEntry::result)
                .containsExactly("admin", "ui", "127.0.0.1", "stop", "audited", "ok"));
        assertThat(entries).anySatisfy(e -> {
            assertThat(e).extracting(AuditEntry::who, AuditEntry::via, AuditEntry::action, AuditEntry::target, AuditEntry::result)
                    .containsExactly("token:local cli", "api", "set-quota", "audited", "ok");
            assertThat(e.detail()).contains("cpu=250m");
        });
        assertThat(entries).anySatisfy(e -> assertThat(e).extracting(AuditEntry::who, AuditEntry::action, AuditEntry::result)
                .containsExactly("admin", "login", "failed"));
        assertThat(entries).anySatisfy(e -> assertThat(e).extracting(AuditEntry::who, AuditEntry::action, AuditEntry::target,
                AuditEntry::result).containsExactly("anonymous", "start", "audited", "denied"));
        assertThat(entries).allSatisfy(e -> assertThat(e.at()).isNotEmpty());
    }

    @Test
    void theAuditLogIsReadableThroughTheApi() throws Exception {
        ApiTokens.IssuedToken issued = ApiTokens.in(host.data()).create("auditor", "test");
        host.anonymous().withToken(issued.token()).postJson("/api/tokens", "{\"name\":\"made-by-auditor\"}");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(host.adminHttp().get("/api/audit?limit=20").body())
                .contains("\"who\" : \"token:auditor\"").contains("made-by-auditor").contains("create-token"));
    }

    @Test
    void aTenantsContextPathNeverShadowsTheAdminPlane() throws Exception {
        host.deploy("api", "hello");
        host.deploy("metrics", "hello");
        HttpResponse<String> tenantApi = java.net.http.HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(host.app("/api/apps")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tenantApi.body()).isEqualTo("Hello from /api\n");

        assertThat(host.adminHttp().get("/api/apps").body()).contains("\"apps\"").contains("\"name\" : \"metrics\"");
        assertThat(host.adminHttp().get("/metrics").body()).contains("# TYPE");
        assertThat(host.anonymous().get("/api/apps").statusCode()).isEqualTo(401);
        assertThat(host.anonymous().get("/metrics").statusCode()).isEqualTo(401);
    }
}
