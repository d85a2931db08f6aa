package io.cohost.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A WAR built elsewhere (Jetty's own demo, from Maven Central) deploys and serves unchanged. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThirdPartyWarIT {
    private static final String WAR = "jetty-ee10-demo-simple-webapp";

    @TempDir
    static Path dataDir;

    private TestHost host;
    private AdminApiClient.Reply deploy;

    @BeforeAll
    void deployTheDemo() {
        host = TestHost.start(dataDir);
        deploy = host.api().deploy("demo", TestWars.war(WAR));
    }

    @AfterAll
    void stopHost() throws Exception {
        host.close();
    }

    @Test
    void demoDeploysAndRuns() {
        assertThat(deploy.status()).isEqualTo(201);
        assertThat(deploy.field("state")).isEqualTo("RUNNING");
        assertThat(deploy.field("version")).isEqualTo(TestWars.version(WAR));
    }

    @Test
    void demoServesItsWelcomeFile() {
        HttpResponse<String> index = host.get("/demo/");

        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("Hello World EE10!");
    }

    @Test
    void demoServletDeclaredInWebXmlAnswers() {
        HttpResponse<String> hello = host.get("/demo/hello/there");

        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(hello.body()).startsWith("HelloWorld from Servlet-6");
    }

    @Test
    void demoMimeMappingFromWebXmlApplies() {
        HttpResponse<String> icon = host.get("/demo/jetty.icon");

        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type")).hasValue("image/vnd.microsoft.icon");
    }
}
