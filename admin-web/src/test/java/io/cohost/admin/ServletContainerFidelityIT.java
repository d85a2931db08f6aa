package io.cohost.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cohost.isolation.TenantClassLoader;
import io.cohost.kernel.Host;
import io.cohost.kernel.HostConfig;
import java.lang.ref.WeakReference;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real third-party WARs (Jetty's own ee10 demos, fetched by the build) deployed unchanged through the
 * admin API, side by side in one host, each in its own tenant; then all undeployed and their class
 * loaders collected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServletContainerFidelityIT {
    private static final Path WARS = Path.of(System.getProperty("cohost.wars", "target/wars"));
    /** "password" as Jetty's MD5 credential: the realm accepts hashed passwords. */
    private static final String PASSWORD_MD5 = "MD5:5f4dcc3b5aa765d61d8327deb882cf99";
    private static final List<String> APPS = List.of("jsp", "spec", "jetty", "async");

    @TempDir
    static Path data;
    Host host;
    AdminApiClient admin;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    void deployAllSideBySide() throws Exception {
        host = Host.create(HostConfig.ephemeral(data));
        host.start();
        admin = AdminApiClient.forHost(host);
        assertDeployed(admin.deploy("jsp", WARS.resolve("jetty-ee10-demo-jsp-webapp.war")));
        assertDeployed(admin.deploy("spec", WARS.resolve("jetty-ee10-demo-spec-webapp.war"), specDescriptor()));
        assertDeployed(admin.deploy("jetty", WARS.resolve("jetty-ee10-demo-jetty-webapp.war"), """
                # as Jetty's demo base configures it: a realm, and the Jetty utility classes its servlets use
                realms:
                  Test Realm:
                    users:
                      plain: { password: secret, roles: [user] }
                hostPackages: [org.eclipse.jetty.util.]
                """));
        assertDeployed(admin.deploy("async", WARS.resolve("jetty-ee10-demo-async-rest-webapp.war")));
    }

    /** The realm and JNDI resources Jetty's own demo base configures for this WAR, as a Cohost descriptor. */
    private static String specDescriptor() {
        return """
                realms:
                  Test Realm:
                    users:
                      admin: { password: "%s", roles: [admin, user, server-administrator] }
                      plain: { password: secret, roles: [user] }
                jndi:
                  resources:
                    jdbc/mydatasource: { class: org.example.MockDataSource }
                  userTransaction: { class: org.example.MockUserTransaction }
                classPath: [ "%s" ]
                """.formatted(PASSWORD_MD5, WARS.resolve("jetty-ee10-demo-mock-resources.jar").toAbsolutePath());
    }

    @AfterAll
    void stopHost() throws Exception {
        if (host != null) {
            host.stop();
        }
    }

    @Test
    @Order(1)
    void jspDemoServesJspJstlAndTagFilePages() throws Exception {
        HttpResponse<String> jstl = get("/jsp/jstl.jsp");
        assertThat(jstl.statusCode()).isEqualTo(200);
        // <c:forEach begin="1" end="10"> rendered by the host's JSTL
        assertThat(jstl.body()).contains("JSTL Example").containsPattern("(?s)1\\s*<br />\\s*2\\s*<br />.*10\\s*<br />");

        HttpResponse<String> tagFile = get("/jsp/tagfile.jsp");
        assertThat(tagFile.statusCode()).isEqualTo(200);
        assertThat(tagFile.body()).contains("JSP 2.0 Tag File Example").contains("<b>Panel 1</b>").contains("First panel.");

        HttpResponse<String> tag = get("/jsp/tag.jsp");
        assertThat(tag.statusCode()).isEqualTo(200);
        // the WAR's own <acme:date> tag, from its WEB-INF/acme-taglib.tld
        assertThat(tag.body()).contains("&lt;acme:date tz=\"GMT\"&gt;").containsPattern("\\d{2}/\\w{3}/\\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000");

        HttpResponse<String> expr = get("/jsp/expr.jsp?A=1");
        assertThat(expr.statusCode()).isEqualTo(200);
        assertThat(expr.body()).contains("JSP2.0 Expressions");
    }

    @Test
    @Order(1)
    void specDemoPassesEveryCheckWithRealmAndJndiFromTheDescriptor() throws Exception {
        HttpResponse<String> results = get("/spec/test/");
        assertThat(results.statusCode()).isEqualTo(200);
        assertThat(results.body())
                .contains("<h1>Results</h1>")
                .contains("myDS=org.example.MockDataSource")
                .contains("myUserTransaction=").contains("org.example.MockUserTransaction")
                .contains("maxAmount=55.0")
                .doesNotContain(">FAIL<");
    }

    @Test
    @Order(1)
    void specDemoFormLoginAuthenticatesAgainstTheDescriptorRealmWithAHashedPassword() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        URI protectedPage = host.tenantUri().resolve("/spec/role/");
        HttpResponse<String> challenge = browser.send(HttpRequest.newBuilder(protectedPage).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(challenge.statusCode()).as("FORM auth sends the visitor to the login page").isIn(302, 303);

        HttpResponse<String> wrong = login(browser, "admin", "not-the-password");
        assertThat(wrong.headers().firstValue("Location").orElse("")).contains("authfail");

        browser.send(HttpRequest.newBuilder(protectedPage).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> right = login(browser, "admin", "password");
        assertThat(right.headers().firstValue("Location").orElse("")).contains("/spec/role/");
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(protectedPage).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        // the realm's roles reach the app: server-administrator is linked to "manager" in its web.xml
        assertThat(page.body()).contains("isUserInRole(\"manager\")=true: <span class=\"pass\">PASS");
    }

    private HttpResponse<String> login(HttpClient browser, String user, String password) throws Exception {
        String form = "j_username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&j_password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return browser.send(HttpRequest.newBuilder(host.tenantUri().resolve("/spec/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void jettyDemoJakartaWebSocketEndpointEchoes() throws Exception {
        assertThat(chat("/jetty/jakarta.websocket/", "hello jakarta")).contains("hello jakarta");
    }

    @Test
    @Order(1)
    void jettyDemoJettyWebSocketEndpointEchoes() throws Exception {
        assertThat(chat("/jetty/jetty.websocket/", "hello jetty")).contains("hello jetty");
    }

    /** Connects with the demo's "chat" subprotocol, sends one message and returns the first message received. */
    private String chat(String path, String message) throws Exception {
        CompletableFuture<String> received = new CompletableFuture<>();
        URI uri = URI.create("ws://" + host.tenantUri().getAuthority() + path);
        WebSocket ws = http.newWebSocketBuilder().subprotocols("chat").buildAsync(uri, new WebSocket.Listener() {
            final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    received.complete(text.toString());
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                received.completeExceptionally(error);
            }
        }).get(30, TimeUnit.SECONDS);
        try {
            ws.sendText(message, true).get(30, TimeUnit.SECONDS);
            return received.get(30, TimeUnit.SECONDS);
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    @Test
    @Order(1)
    void asyncRestDemoServesItsStaticPagesWithItsOwnJettyJarsWhileTheHostKeepsItsJetty() throws Exception {
        HttpResponse<String> index = get("/async/index.html");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("Blocking vs Asynchronous REST");
        assertThat(get("/async/demo.css").statusCode()).isEqualTo(200);

        TenantClassLoader tenant = host.registry().runningInstance("async").orElseThrow().classLoader();
        Class<?> tenantJettyClient = tenant.loadClass("org.eclipse.jetty.client.HttpClient");
        assertThat(tenant.getResource("org/eclipse/jetty/client/HttpClient.class").toString())
                .as("the tenant gets the Jetty client it bundles").contains("jetty-client-12.0.5.jar");
        assertThat(tenantJettyClient.getClassLoader()).isSameAs(tenant);
        assertThat(org.eclipse.jetty.util.Jetty.VERSION).as("the host keeps its own Jetty").startsWith("12.1.");
    }

    @Test
    @Order(2)
    void allServeSideBySideEachInItsOwnTenantThenAllUndeploy() throws Exception {
        for (String app : APPS) {
            assertThat(admin.app(app).body()).contains("\"state\" : \"RUNNING\"");
        }
        List<ClassLoader> distinct = APPS.stream()
                .map(a -> (ClassLoader) host.registry().runningInstance(a).orElseThrow().classLoader()).distinct().toList();
        assertThat(distinct).as("one class loader per tenant").hasSize(APPS.size());
        assertThat(get("/jsp/jstl.jsp").statusCode()).isEqualTo(200);
        assertThat(get("/spec/test/").statusCode()).isEqualTo(200);
        assertThat(get("/jetty/jakarta.websocket/index.html").statusCode()).isEqualTo(200);
        assertThat(get("/async/index.html").statusCode()).isEqualTo(200);

        undeployed = new ArrayList<>();
        for (String app : APPS) {
            undeployed.add(new WeakReference<>(host.registry().runningInstance(app).orElseThrow().classLoader()));
            assertThat(admin.undeploy(app).status()).isEqualTo(200);
            assertThat(get("/" + app + "/").statusCode()).isEqualTo(404);
        }
    }

    /** Weak references to the class loaders of the apps undeployed above. */
    List<WeakReference<ClassLoader>> undeployed = List.of();

    /**
     * The bar: every undeployed app's class loader is collected, or the host's leak report names it.
     * The three demos without bundled Jetty jars are always collected; async-rest (which bundles Jetty 12.0.5
     * jars) is collected when run alone but stays reachable when it follows other test classes in the same
     * JVM, and is then named by the leak report.
     */
    @Test
    @Order(3)
    void undeployedAppsClassLoadersAreCollectedOrNamedByTheLeakReport() {
        assertThat(undeployed).hasSize(APPS.size());
        // An open connection keeps its last request's objects (and so a loader) until it closes: drop the
        // client, whose connections close once it is collected (HttpClient.close() needs Java 21)
        http = HttpClient.newHttpClient();
        List<String> mustBeCollected = List.of("jsp", "spec", "jetty");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            System.gc();
            assertThat(alive()).as(() -> "class loaders of undeployed apps still reachable; the host's report: "
                    + admin.leaks().body()).doesNotContainAnyElementsOf(mustBeCollected);
        });
        List<String> leaked = new ArrayList<>();
        admin.leaks().json().path("leaks").forEach(l -> leaked.add(l.path("app").asText()));
        // the report forces a GC first, so a loader still reachable now was reachable then: it must be named
        assertThat(leaked).as("the leak report names every loader still reachable").containsAll(alive());
    }

    private List<String> alive() {
        List<String> alive = new ArrayList<>();
        for (int i = 0; i < APPS.size(); i++) {
            if (undeployed.get(i).get() != null) {
                alive.add(APPS.get(i));
            }
        }
        return alive;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(host.tenantUri().resolve(path)).timeout(Duration.ofMinutes(1)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertDeployed(AdminApiClient.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.body()).contains("\"state\" : \"RUNNING\"");
    }
}
