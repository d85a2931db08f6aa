package io.cohost.kernel.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohost.kernel.isolation.WarRewriter;
import io.cohost.kernel.testing.LiveHost;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app that cannot need JSP starts without the JSP engine, though {@code *.jsp} requests are routed as
 * in any container; one with pages in its WAR, or in a jar's
 * {@code META-INF/resources}, gets it and its pages compile and run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JspUseIT {
    private static final byte[] PAGE = "<%= 6 * 7 %> from <%= application.getServletContextName() %>".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path data;

    private LiveHost host;

    @BeforeAll
    void startHost() throws Exception {
        host = new LiveHost(data.resolve("host"));
    }

    @AfterAll
    void stopHost() throws Exception {
        host.close();
    }

    @Test
    void anAppWithoutPagesRunsNoJspEngineYetAJspPathIsStillNotFound() throws Exception {
        host.deploy("plain", LiveHost.WARS.resolve("hello.war"));

        assertThat(jspServlet("plain").getClassName()).isEqualTo(JspFreeConfiguration.NoSuchPage.class.getName());
        assertThat(host.send("/plain/missing.jsp").statusCode()).as("routed to the jsp servlet, as in any container").isEqualTo(404);
        assertThat(host.get("/plain/")).as("hello's own servlet").isEqualTo(host.get("/plain/hello"));
        ClassLoader loader = host.host.registry().runningInstance("plain").orElseThrow().context().getClassLoader();
        // every initializer the app is offered must load (Jetty reports one that cannot as an error at each start)
        assertThat(java.util.ServiceLoader.load(jakarta.servlet.ServletContainerInitializer.class, loader).stream()
                .map(p -> p.type().getName()).toList())
                .as("the JSP initializer is not offered to an app without JSP")
                .doesNotContain(JspFreeConfiguration.INITIALIZER)
                .contains("org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer");
    }

    @Test
    void aPageInTheWarIsCompiledAndServed() throws Exception {
        Path war = WarRewriter.rewrite(LiveHost.WARS.resolve("hello.war"), data.resolve("paged.war"), Map.of(), Map.of("page.jsp", PAGE));
        host.deploy("paged", war);

        assertThat(jspServlet("paged").getClassName()).isEqualTo("org.eclipse.jetty.ee10.jsp.JettyJspServlet");
        assertThat(host.get("/paged/page.jsp")).contains("42 from paged");
    }

    @Test
    void aPageInALibraryJarsResourcesIsCompiledAndServed() throws Exception {
        Path war = WarRewriter.rewrite(LiveHost.WARS.resolve("hello.war"), data.resolve("libpaged.war"), Map.of(),
                Map.of("WEB-INF/lib/pages.jar", jar("META-INF/resources/inner.jsp", PAGE)));
        host.deploy("libpaged", war);

        assertThat(host.get("/libpaged/inner.jsp")).contains("42 from libpaged");
    }

    private ServletHolder jspServlet(String app) {
        return host.host.registry().runningInstance(app).orElseThrow().context().getServletHandler().getServlet("jsp");
    }

    private static byte[] jar(String name, byte[] content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            jar.putNextEntry(new JarEntry(name));
            jar.write(content);
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }
}
