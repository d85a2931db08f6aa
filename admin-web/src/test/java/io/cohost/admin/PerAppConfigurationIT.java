package io.cohost.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohost.kernel.Host;
import io.cohost.kernel.HostConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-app descriptor through the admin API: per-app system properties (also seen by JSP pages,
 * which go through the tenant's pipeline), the app's own temp directories, validation, persistence
 * across a host restart and a redeploy, initializer exclusion; and a javax.servlet WAR migrated at deploy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PerAppConfigurationIT {
    private static final Path WARS = Path.of(System.getProperty("cohost.wars", "target/wars"));
    private static final Path PROBE = WARS.resolve("sysprop-probe.war");

    @TempDir
    static Path data;
    Host host;
    AdminApiClient admin;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    void startHost() throws Exception {
        host = startOn(data);
        assertThat(admin.deploy("alpha", PROBE, "systemProperties: { probe.mode: alpha }").status()).isEqualTo(201);
        assertThat(admin.deploy("beta", PROBE, "{\"systemProperties\": {\"probe.mode\": \"beta\"}}").status()).isEqualTo(201);
    }

    private Host startOn(Path dir) throws Exception {
        Host h = Host.create(HostConfig.ephemeral(dir));
        h.start();
        admin = AdminApiClient.forHost(h);
        return h;
    }

    @AfterAll
    void stopHost() throws Exception {
        host.stop();
    }

    @Test
    void twoCopiesOfOneWarEachSeeTheirOwnSystemProperty() throws Exception {
        assertThat(body("/alpha/property?name=probe.mode")).isEqualTo("alpha");
        assertThat(body("/beta/property?name=probe.mode")).isEqualTo("beta");
        assertThat(System.getProperty("probe.mode")).as("the host's own view").isNull();
    }

    @Test
    void jspPagesSeeTheAppsOwnSystemPropertiesToo() throws Exception {
        // a page compiled at run time calls System.getProperty: only the tenant's pipeline makes that per-app
        assertThat(body("/alpha/property.jsp?name=probe.mode").trim()).isEqualTo("alpha");
        assertThat(body("/beta/property.jsp?name=probe.mode").trim()).isEqualTo("beta");
    }

    @Test
    void theWarsOwnDescriptorGivesDefaultsTheOperatorsOverride() throws Exception {
        // WEB-INF/cohost.yaml of the WAR sets probe.greeting and probe.mode=default; the operator set probe.mode
        assertThat(body("/alpha/property?name=probe.greeting")).isEqualTo("hello from the WAR");
        assertThat(body("/alpha/property?name=probe.mode")).isEqualTo("alpha");
    }

    @Test
    void eachAppHasItsOwnTmpdirAndServletTempDirUnderItsWorkDirectory() throws Exception {
        String[] alpha = body("/alpha/tmpdir").split("\n");
        Path work = data.toAbsolutePath().normalize().resolve("work");
        assertThat(Path.of(alpha[0])).isEqualTo(work.resolve("alpha").resolve("tmp"));
        assertThat(Files.isDirectory(Path.of(alpha[0]))).isTrue();
        assertThat(Path.of(alpha[1])).startsWith(work.resolve("alpha"));
        assertThat(body("/beta/tmpdir").split("\n")[0]).isEqualTo(work.resolve("beta").resolve("tmp").toString());
    }

    @Test
    void tempFilesCreatedTheUsualWayLandInTheAppsOwnTmpdir() throws Exception {
        Path work = data.toAbsolutePath().normalize().resolve("work");
        assertThat(Path.of(body("/alpha/tmpfile"))).startsWith(work.resolve("alpha").resolve("tmp"));
        assertThat(Path.of(body("/beta/tmpfile"))).startsWith(work.resolve("beta").resolve("tmp"));
    }

    @Test
    void anInvalidDescriptorIsRefusedNamingTheFieldAndTheAcceptedFormsAndNothingIsDeployed() {
        AdminApiClient.Reply reply = admin.deploy("broken", PROBE, """
                jndi:
                  env:
                    maxAmount: { type: java.lang.Double, value: lots }
                """);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("app 'broken'").contains("jndi.env.maxAmount.value").contains("'lots' is not a java.lang.Double")
                .contains("accepted");
        assertThat(admin.app("broken").status()).isEqualTo(404);

        AdminApiClient.Reply unknown = admin.deploy("broken", PROBE, "systemProperty: { a: b }");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("field 'systemProperty': unknown field").contains("systemProperties");
    }

    @Test
    void theDescriptorIsKeptAcrossARedeployWithoutOneAndAHostRestart() throws Exception {
        assertThat(admin.deploy("kept", PROBE, "systemProperties: { probe.mode: kept }").status()).isEqualTo(201);
        assertThat(admin.deploy("kept", PROBE).status()).as("redeploy without a descriptor").isEqualTo(200);
        assertThat(body("/kept/property?name=probe.mode")).isEqualTo("kept");

        host.stop();
        host = startOn(data);
        assertThat(body("/kept/property?name=probe.mode")).isEqualTo("kept");
        assertThat(body("/alpha/property?name=probe.mode")).isEqualTo("alpha");
        assertThat(admin.app("kept").body()).contains("probe.mode: kept");
    }

    @Test
    void aJavaxServletWarIsMigratedAtDeployAndServes() throws Exception {
        AdminApiClient.Reply reply = admin.deploy("legacy", WARS.resolve("javax-hello.war"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.body()).contains("migrated from javax.servlet to Jakarta EE");

        HttpResponse<String> hello = get("/legacy/hello");
        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(hello.body()).contains("request API: jakarta.servlet.http");
        assertThat(hello.headers().firstValue("X-Javax-Filter")).as("its web.xml filter runs").hasValue("ran");
        assertThat(get("/legacy/annotated").body()).contains("annotated javax servlet");
    }

    @Test
    void excludedInitializersDoNotRunAndTheDescriptorSetsTheContextPath() throws Exception {
        AdminApiClient.Reply reply = admin.deploy("spec2", WARS.resolve("jetty-ee10-demo-spec-webapp.war"), """
                contextPath: /other-spec
                excludeInitializers: [org.example.initializer.*]
                realms: { Test Realm: { users: { u: { password: p, roles: [user] } } } }
                jndi:
                  resources: { jdbc/mydatasource: { class: org.example.MockDataSource } }
                  userTransaction: { class: org.example.MockUserTransaction }
                classPath: [ "%s" ]
                """.formatted(WARS.resolve("jetty-ee10-demo-mock-resources.jar").toAbsolutePath()));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(admin.app("spec2").body()).as("a WAR whose initializer is excluded still deploys").contains("\"state\" : \"RUNNING\"");
        assertThat(get("/other-spec/index.html").statusCode()).isEqualTo(200);
        // The demo's FooInitializer (in its WEB-INF/lib) sets the attributes its test servlet reads; excluded, it never ran
        HttpResponse<String> results = get("/other-spec/test/");
        assertThat(results.body()).contains("because &quot;complete&quot; is null");
        admin.undeploy("spec2");
    }

    private String body(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(host.tenantUri().resolve(path)).timeout(Duration.ofMinutes(1)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
