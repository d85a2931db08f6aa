package io.cohost.kernel.container;

import io.cohost.kernel.config.AppDescriptor;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.ee10.plus.webapp.EnvConfiguration;
import org.eclipse.jetty.ee10.plus.webapp.PlusConfiguration;
import org.eclipse.jetty.ee10.webapp.Configuration;
import org.eclipse.jetty.ee10.webapp.FragmentConfiguration;
import org.eclipse.jetty.ee10.webapp.JettyWebXmlConfiguration;
import org.eclipse.jetty.ee10.webapp.JndiConfiguration;
import org.eclipse.jetty.ee10.webapp.JspConfiguration;
import org.eclipse.jetty.ee10.webapp.ServletsConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppConfiguration;
import org.eclipse.jetty.ee10.webapp.WebInfConfiguration;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketConfiguration;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketConfiguration;

/**
 * The Jetty configurations every tenant's web context runs with: the same set a Jetty 12 server with
 * the {@code ee10-annotations, ee10-plus, ee10-jsp, ee10-jstl, ee10-websocket-jakarta,
 * ee10-websocket-jetty, ee10-servlets} modules gives a WAR, plus the app's descriptor. Jetty orders
 * them by their declared dependencies.
 *
 * <pre>
 * web.xml, webdefault      SharedDefaultsWebXmlConfiguration (webdefault parsed once per host), WebAppConfiguration
 * WEB-INF/classes, lib     WebInfConfiguration, ContainerJarsConfiguration (TLDs of the host's JSTL, read once per host)
 * web-fragment.xml         FragmentConfiguration
 * annotations, SCIs        CachedContainerScanConfiguration (container jars parsed once per host)
 * JNDI                     JndiConfiguration, EnvConfiguration (jetty-env.xml), PlusConfiguration
 * descriptor               DescriptorConfiguration (JNDI entries, realms, JSP compiler)
 * WEB-INF/jetty-web.xml    JettyWebXmlConfiguration
 * JSP, JSTL                JspConfiguration, only for an app that may use JSP (JspUse); others get
 *                          JspFreeConfiguration, which drops the default JSP servlet
 * WebSocket                JakartaWebSocketConfiguration, JettyWebSocketConfiguration
 * jetty-ee10-servlets      ServletsConfiguration
 * </pre>
 */
public final class ContainerFeatures {
    /**
     * Shared by every tenant: Jetty 12's configurations keep no per-context state (what they need
     * lives in the context's attributes), while each instance carries its own class matchers, which
     * cost about 250 KiB of heap per tenant when every context had its own set.
     */
    private static final List<Configuration> SHARED = List.of(
            new WebInfConfiguration(),
            new SharedDefaultsWebXmlConfiguration(),
            new ContainerJarsConfiguration(),
            new FragmentConfiguration(),
            new JndiConfiguration(),
            new EnvConfiguration(),
            new PlusConfiguration(),
            new CachedContainerScanConfiguration(),
            new JspConfiguration(),
            new ServletsConfiguration(),
            new JakartaWebSocketConfiguration(),
            new JettyWebSocketConfiguration(),
            new WebAppConfiguration(),
            new JettyWebXmlConfiguration());

    private ContainerFeatures() {}

    private static final List<Configuration> SHARED_WITHOUT_JSP = SHARED.stream()
            .map(c -> c instanceof JspConfiguration ? new JspFreeConfiguration() : c).toList();

    /**
     * @param jsp whether the app may use JSP ({@link JspUse}); without it, the app's class loader must also
     *            hide Jetty's JSP glue ({@code VisibilityPolicy.withoutJsp})
     */
    public static Configuration[] configurations(String tenant, AppDescriptor descriptor, boolean jsp) {
        List<Configuration> all = new ArrayList<>(jsp ? SHARED : SHARED_WITHOUT_JSP);
        all.add(new DescriptorConfiguration(tenant, descriptor));
        return all.toArray(Configuration[]::new);
    }
}
