package io.cohost.kernel.isolation;

import io.cohost.kernel.testing.LiveHost;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A tenant sees the JDK, the Servlet API and its own classes: nothing of the host, nothing of other tenants. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VisibilityIT {
    Path data;
    LiveHost host;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        this.data = data;
        host = new LiveHost(data);
        host.deploy("mutator", "global-mutator");
        host.deploy("conflicts", "conflicts");
    }

    @AfterAll
    void stop() throws Exception {
        host.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "io.cohost.kernel.Host",                        // the kernel
            "io.cohost.kernel.tenant.TenantRegistry",
            "io.cohost.isolation.TenantClassLoader",        // the isolation machinery itself
            "org.eclipse.jetty.server.Server",              // Jetty internals
            "org.eclipse.jetty.util.StringUtil",
            "com.google.inject.Guice",                      // the host's libraries
            "io.micrometer.core.instrument.MeterRegistry",
            "com.fasterxml.jackson.databind.ObjectMapper",
            "io.cohost.samples.conflicts.ConflictsServlet"  // another tenant
    })
    void hostAndOtherTenantClassesAreAbsent(String className) {
        assertThat(host.get("/mutator/forname?class=" + className)).isEqualTo("absent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jakarta.servlet.http.HttpServlet", "java.util.concurrent.ConcurrentHashMap", "java.sql.DriverManager",
            "io.cohost.samples.globalmutator.MutatorServlet"})
    void jdkServletApiAndOwnClassesAreVisible(String className) {
        assertThat(host.get("/mutator/forname?class=" + className)).isEqualTo("found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"org/eclipse/jetty/server/Server.class", "io/cohost/kernel/Host.class",
            "META-INF/maven/com.google.inject/guice/pom.properties", "jetty-logging.properties"})
    void hostResourcesAreAbsent(String resource) {
        assertThat(host.get("/conflicts/resource?name=" + resource)).contains("\"absent\"");
    }

    @Test
    void tenantGetsItsOwnBundledLibrariesWhileTheHostKeepsItsOwn() throws Exception {
        String versions = host.get("/conflicts/versions");

        assertThat(versions).contains("\"guice\":\"guice-5.1.0.jar\"")
                .contains("\"jackson\":\"2.21.3\"")
                .contains("\"slf4j\":\"slf4j-api-1.7.36.jar\"")
                .contains("TenantClassLoader{conflicts}");
        assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString()).isEqualTo("2.23.0");
        assertThat(com.google.inject.Guice.class.getProtectionDomain().getCodeSource().getLocation().toString())
                .contains("guice-7.0.0");
        assertThat(org.slf4j.LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation().toString())
                .contains("slf4j-api-2.");
    }

    @Test
    void appsWithTheSameContainerFeaturesShareOneClassMatcherAndJettyStaysHiddenFromEach() {
        var mutator = host.host.registry().runningInstance("mutator").orElseThrow().context();
        var conflicts = host.host.registry().runningInstance("conflicts").orElseThrow().context();

        assertThat(conflicts.getHiddenClassMatcher()).isSameAs(mutator.getHiddenClassMatcher());
        assertThat(conflicts.getHiddenClassMatcher().match("org.eclipse.jetty.server.Server")).isTrue();
        assertThat(host.get("/conflicts/resource?name=org.eclipse.jetty.server.Server")).contains("\"absent\"");
    }
}
