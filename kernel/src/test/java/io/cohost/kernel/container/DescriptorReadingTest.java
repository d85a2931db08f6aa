package io.cohost.kernel.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohost.kernel.config.AppDescriptor;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.eclipse.jetty.ee10.webapp.MetaInfConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every app reads at start and the host reads once for all of them: Jetty's default descriptor
 * (parsed once, its tree shared), the container jars' tag libraries (found once), and the XML parser,
 * which an app holds only while it starts. Real Jetty, real HTTP.
 */
class DescriptorReadingTest {
    private final Server server = new Server();
    private final ContextHandlerCollection contexts = new ContextHandlerCollection();

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void appsShareTheParsedDefaultsYetEachReadsItsOwnWebXmlAndServesThroughTheDefaultServlet() throws Exception {
        WebAppContext shop = app("shop", "hello from shop");
        WebAppContext blog = app("blog", "hello from blog");
        int port = start(shop, blog);

        assertThat(get(port, "/shop/index.html")).isEqualTo("hello from shop");
        assertThat(get(port, "/blog/index.html")).isEqualTo("hello from blog");
        assertThat(shop.getInitParameter("owner")).isEqualTo("shop");
        assertThat(blog.getInitParameter("owner")).isEqualTo("blog");
        assertThat(shop.getMetaData().getDefaultsDescriptor().getRoot())
                .isNotNull()
                .isSameAs(blog.getMetaData().getDefaultsDescriptor().getRoot());
        assertThat(shop.getMetaData().getDefaultsDescriptor()).isNotSameAs(blog.getMetaData().getDefaultsDescriptor());
    }

    @Test
    void aStartedAppNoLongerHoldsTheParserItsDescriptorsWereReadWith() throws Exception {
        assertThat(DescriptorParsers.available()).as("Jetty's MetaData still keeps its parser in _xmlParser").isTrue();
        WebAppContext shop = app("shop", "shop");
        WebAppContext blog = app("blog", "blog");
        start(shop, blog);

        assertThat(DescriptorParsers.heldBy(shop.getMetaData())).isNull();
        assertThat(DescriptorParsers.heldBy(blog.getMetaData())).isNull();
        assertThat(shop.getMetaData().getWebDescriptor().getRoot()).as("web.xml was read").isNotNull();
    }

    @Test
    void everyAppGetsTheContainerTagLibrariesAndEachCanBeRead() throws Exception {
        WebAppContext shop = app("shop", "shop");
        List<URL> tlds = new java.util.ArrayList<>();
        List<org.eclipse.jetty.ee10.webapp.Configuration> all = new java.util.ArrayList<>(shop.getConfigurations());
        // Jetty drops the attribute once the app has started; it is read where JSP reads it, while the app configures
        all.add(new org.eclipse.jetty.ee10.webapp.AbstractConfiguration(new org.eclipse.jetty.ee10.webapp.AbstractConfiguration.Builder()) {
            @Override
            @SuppressWarnings("unchecked")
            public void configure(WebAppContext context) {
                tlds.addAll((Collection<URL>) context.getAttribute(MetaInfConfiguration.METAINF_TLDS));
            }
        });
        shop.setConfigurations(all.toArray(org.eclipse.jetty.ee10.webapp.Configuration[]::new));
        start(shop);

        assertThat(tlds).extracting(URL::toString).anyMatch(u -> u.endsWith("!/META-INF/c.tld"));
        assertThat(tlds).containsAll(ContainerJarsConfiguration.containerTlds());
        for (URL tld : tlds) {
            try (InputStream in = tld.openStream()) {
                assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).as(tld.toString()).contains("<taglib");
            }
        }
    }

    private WebAppContext app(String name, String page) throws Exception {
        Path root = Files.createDirectories(dir.resolve(name).resolve("WEB-INF"));
        Files.writeString(root.resolve("web.xml"), """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <context-param><param-name>owner</param-name><param-value>%s</param-value></context-param>
                </web-app>
                """.formatted(name));
        Files.writeString(root.getParent().resolve("index.html"), page);
        WebAppContext context = new WebAppContext();
        context.setContextPath("/" + name);
        context.setWar(root.getParent().toString());
        context.setConfigurations(ContainerFeatures.configurations(name, AppDescriptor.empty(), true));
        context.setThrowUnavailableOnStartupException(true);
        return context;
    }

    private int start(WebAppContext... apps) throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        for (WebAppContext app : apps) {
            contexts.addHandler(app);
        }
        server.setHandler(contexts);
        server.start();
        return connector.getLocalPort();
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }
}
