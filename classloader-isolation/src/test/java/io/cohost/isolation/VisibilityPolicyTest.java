package io.cohost.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VisibilityPolicyTest {
    private final VisibilityPolicy policy = VisibilityPolicy.defaults();

    @Test
    void containerFeaturesAreVisibleAndTheirInternalsAndTheRestOfTheHostAreNot() {
        assertThat(policy.exposesClass("org.apache.jasper.runtime.HttpJspBase")).isTrue();
        assertThat(policy.exposesClass("org.apache.tomcat.InstanceManager")).isTrue();
        assertThat(policy.exposesClass("org.apache.tomcat.jakartaee.Migration")).as("a host library next to Jasper's classes").isFalse();
        assertThat(policy.exposesClass("org.eclipse.jetty.websocket.api.Session")).isTrue();
        assertThat(policy.exposesClass("org.eclipse.jetty.websocket.server.internal.DelegatedServerUpgradeRequest")).isFalse();
        assertThat(policy.exposesClass("org.eclipse.jetty.ee10.servlets.DoSFilter")).isTrue();
        assertThat(policy.exposesClass("org.eclipse.jetty.util.StringUtil")).isFalse();
        assertThat(policy.exposesClass("org.eclipse.jdt.internal.compiler.Compiler")).isFalse();
        assertThat(policy.exposesClass("com.google.inject.Injector")).isFalse();
        assertThat(policy.withHostPackages(List.of("org.eclipse.jetty.util.")).exposesClass("org.eclipse.jetty.util.StringUtil")).isTrue();
    }

    @Test
    void classFilesFollowTheirClassesAndServiceFilesTheirServiceType() {
        assertThat(policy.exposesResource("org/apache/tomcat/InstanceManager.class")).isTrue();
        assertThat(policy.exposesResource("org/apache/tomcat/jakartaee/Migration.class")).isFalse();
        assertThat(policy.exposesResource("META-INF/services/jakarta.servlet.ServletContainerInitializer")).isTrue();
        assertThat(policy.exposesResource("META-INF/services/com.fasterxml.jackson.databind.Module")).isFalse();
        assertThat(policy.exposesServiceProviders(List.of("org.eclipse.jetty.ee10.apache.jsp.JettyJasperInitializer"))).isTrue();
        assertThat(policy.exposesServiceProviders(List.of("org.eclipse.jetty.ee10.apache.jsp.JettyJasperInitializer",
                "com.example.host.HiddenInitializer"))).as("one hidden provider hides the whole file").isFalse();
    }

    @Test
    void anAppWithoutJspSeesNoneOfJettysJspGlueSoItsInitializerIsNotOffered() {
        VisibilityPolicy noJsp = policy.withoutJsp();

        assertThat(noJsp.exposesClass("org.eclipse.jetty.ee10.apache.jsp.JettyJasperInitializer")).isFalse();
        assertThat(noJsp.exposesServiceProviders(List.of("org.eclipse.jetty.ee10.apache.jsp.JettyJasperInitializer"))).isFalse();
        assertThat(noJsp.exposesServiceProviders(List.of("org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer")))
                .as("other initializers are still offered").isTrue();
        assertThat(noJsp.exposesClass("org.apache.el.ExpressionFactoryImpl")).as("EL stays visible, as in Jetty").isTrue();
        assertThat(noJsp.exposesClass("org.eclipse.jetty.ee10.servlet.DefaultServlet")).isTrue();
    }
}
