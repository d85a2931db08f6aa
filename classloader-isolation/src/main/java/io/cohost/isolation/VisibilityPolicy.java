package io.cohost.isolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which host classes a tenant can see. This is the whole policy, in one place:
 *
 * <ul>
 *   <li>The JDK (the platform class loader): always, as in any Java program.</li>
 *   <li>The container APIs listed in {@link #CONTAINER_APIS}: the specifications the host implements
 *       for its tenants. A tenant never gets its own copy of these (Jetty loads them parent-first).</li>
 *   <li>The container services in {@link #CONTAINER_SERVICES} (JNDI) and the few root resources that
 *       name them ({@link #ROOT_RESOURCES}).</li>
 *   <li>The container features every tenant may use, each the same classes Jetty itself exposes to a
 *       web app when the feature is on: {@link #JSP} (Jasper and JSTL), {@link #WEBSOCKET} (Jakarta and
 *       Jetty endpoints), {@link #SERVLETS} (jetty-ee10-servlets filters). A few internal packages inside
 *       them stay hidden ({@link #HIDDEN_INSIDE_EXPOSED}).</li>
 *   <li>Service files ({@code META-INF/services/S}) of the host, when {@code S} is visible and every
 *       provider the file names is visible: so the container's own {@code ServletContainerInitializer}s
 *       (JSP, WebSocket) and service providers ({@code ExpressionFactory}, the WebSocket configurator)
 *       are found by {@code ServiceLoader} from tenant code, and nothing hidden is ever named.</li>
 *   <li>{@link #TENANT_RUNTIME}: the bridge that intercepted JVM-global calls are redirected to.</li>
 *   <li>Packages the operator grants one app in its configuration ({@link #withHostPackages}): the
 *       explicit, audited exception for apps that use host library classes.</li>
 * </ul>
 *
 * Nothing else of the host is visible: not Jetty's internals, Guice, Micrometer, Jackson, Cohost's
 * kernel, governor or admin classes, nor any other tenant. For those, {@code Class.forName} and
 * resource lookups fail as if the class were absent, and a tenant that bundles its own copy in
 * {@code WEB-INF/lib} gets its own.
 *
 * @param hostPackages package prefixes (with a trailing dot) or class names loaded from the host
 */
public record VisibilityPolicy(List<String> hostPackages) {

    /** Container specifications implemented by the host; a tenant compiles against them. */
    public static final List<String> CONTAINER_APIS = List.of(
            "jakarta.servlet.",      // Servlet 6: the contract between a WAR and its container
            "jakarta.websocket.",    // Jakarta WebSocket: endpoints served by the host's WebSocket container
            "jakarta.el.",           // Expression Language: used by JSP pages the host compiles
            "jakarta.annotation.",   // @PostConstruct, @Resource...: processed by the host's annotation scanner
            "jakarta.transaction."   // UserTransaction looked up through the host's JNDI
    );

    /**
     * Container classes loaded through the tenant's class loader, so they must be visible there: the
     * JDK creates JNDI contexts with the thread's context loader, and Jetty instantiates the listeners
     * and servlets of its default descriptor ({@code webdefault-ee10.xml}) through the web app's loader.
     */
    public static final List<String> CONTAINER_SERVICES = List.of(
            "org.eclipse.jetty.jndi.",                          // the naming implementation behind java:comp/env
            "org.eclipse.jetty.ee10.servlet.listener.",         // webdefault listeners: flush JDK caches on stop
            "org.eclipse.jetty.ee10.servlet.DefaultServlet",    // webdefault servlet: serves the WAR's static files
            "org.eclipse.jetty.ee10.servlet.NoJspServlet",      // webdefault servlet: answers *.jsp when JSP is off
            "org.eclipse.jetty.ee10.jsp.JettyJspServlet"        // webdefault servlet: JSP, when the host has JSP support
    );

    /**
     * JSP: pages and tag files are compiled into tenant classes that extend and call Jasper's runtime,
     * and JSTL tags named in the TLDs are loaded by name through the tenant's loader. The compiler
     * reads these classes as resources through the same loader. (Jetty exposes its JSP glue the same
     * way and hides the Eclipse compiler, {@code org.eclipse.jdt.}, which stays hidden here too.)
     */
    public static final List<String> JSP = List.of(
            "org.apache.jasper.",                     // Jasper: HttpJspBase, JspRuntimeLibrary, the JSP servlet
            "org.apache.el.",                         // the EL implementation ExpressionFactory.newInstance() finds
            "org.apache.juli.logging.",               // Jasper's logging facade, bound to Jetty's logging by a service file
            "org.apache.tomcat.InstanceManager",      // generated pages create tag handlers through it
            "org.apache.taglibs.standard.",           // JSTL tag handlers, functions and validators named by its TLDs
            "org.eclipse.jetty.ee10.jsp.",            // JettyJspServlet (Jetty: JspConfiguration protects and exposes it)
            "org.eclipse.jetty.ee10.apache.jsp."      // JettyJasperInitializer, the JSP ServletContainerInitializer
    );

    /**
     * WebSocket: the Jakarta and Jetty endpoint APIs, and the servlets and initializers that upgrade
     * connections. Mirrors JakartaWebSocketConfiguration and JettyWebSocketConfiguration.
     */
    public static final List<String> WEBSOCKET = List.of(
            "org.eclipse.jetty.websocket.api.",                       // Jetty endpoints: Session, @WebSocket...
            "org.eclipse.jetty.websocket.server.",                    // Jetty server API (ServerUpgradeRequest...)
            "org.eclipse.jetty.ee10.websocket.server.",               // JettyWebSocketServlet, its container and initializer
            "org.eclipse.jetty.ee10.websocket.servlet.",              // the upgrade filter both APIs install
            "org.eclipse.jetty.ee10.websocket.jakarta.server.config.", // Jakarta initializer and default configurator
            "org.eclipse.jetty.ee10.websocket.jakarta.client.JakartaWebSocketClientContainerProvider", // ContainerProvider service
            "org.eclipse.jetty.ee10.websocket.jakarta.client.JakartaWebSocketShutdownContainer"        // its shutdown listener
    );

    /** The jetty-ee10-servlets filters (DoS, QoS, CrossOrigin, Header...) a web.xml may declare by class name. */
    public static final List<String> SERVLETS = List.of(
            "org.eclipse.jetty.ee10.servlets."
    );

    /** Implementation packages inside exposed ones that stay hidden, as Jetty hides them. */
    public static final List<String> HIDDEN_INSIDE_EXPOSED = List.of(
            "org.eclipse.jetty.websocket.server.internal.",
            "org.eclipse.jetty.ee10.websocket.server.internal."
    );

    /** Host resources at the class-path root that the JDK looks up through the tenant loader. */
    public static final List<String> ROOT_RESOURCES = List.of(
            "jndi.properties"  // names Jetty's JNDI factories for new InitialContext()
    );

    /** Where redirected JVM-global calls land; tenant classes are rewritten to call it. */
    public static final String TENANT_RUNTIME = "io.cohost.isolation.runtime.";

    public VisibilityPolicy {
        hostPackages = List.copyOf(Objects.requireNonNull(hostPackages, "hostPackages"));
        for (String p : hostPackages) {
            if (p.isBlank() || p.startsWith(".")) {
                throw new IllegalArgumentException("host package '" + p + "' must be a package prefix ending in '.' (e.g. 'org.eclipse.jetty.util.') or a class name");
            }
        }
    }

    public static VisibilityPolicy defaults() {
        List<String> all = new ArrayList<>(CONTAINER_APIS);
        all.addAll(CONTAINER_SERVICES);
        all.addAll(JSP);
        all.addAll(WEBSOCKET);
        all.addAll(SERVLETS);
        all.add(TENANT_RUNTIME);
        return new VisibilityPolicy(all);
    }

    /** This policy plus host packages granted to one app; each must be a prefix like {@code org.example.}. */
    public VisibilityPolicy withHostPackages(List<String> extra) {
        for (String p : extra) {
            if (!p.endsWith(".")) {
                throw new IllegalArgumentException("host package '" + p + "' must end in '.', e.g. 'org.eclipse.jetty.util.'");
            }
        }
        List<String> all = new ArrayList<>(hostPackages);
        for (String p : extra) {
            if (!all.contains(p)) {
                all.add(p);
            }
        }
        return new VisibilityPolicy(all);
    }

    /**
     * Jetty's JSP glue, which Jetty itself hides from an app when JSP is off: its JSP servlet package and
     * the JSP initializer. Jasper, EL and JSTL stay visible, as they do in Jetty.
     */
    public static final List<String> JETTY_JSP_GLUE = List.of(
            "org.eclipse.jetty.ee10.jsp.",
            "org.eclipse.jetty.ee10.apache.jsp.");

    /**
     * This policy for an app started without JSP: {@link #JETTY_JSP_GLUE} is hidden, so the JSP
     * initializer's service file is not offered to an app that could not load it.
     */
    public VisibilityPolicy withoutJsp() {
        List<String> all = new ArrayList<>(hostPackages);
        all.removeAll(JETTY_JSP_GLUE);
        return new VisibilityPolicy(all);
    }

    public boolean exposesClass(String className) {
        for (String h : HIDDEN_INSIDE_EXPOSED) {
            if (className.startsWith(h) && !hostPackages.contains(h)) {
                return false;
            }
        }
        for (String p : hostPackages) {
            if (className.startsWith(p) && (p.endsWith(".") || className.length() == p.length()
                    || className.charAt(p.length()) == '$')) {
                return true;
            }
        }
        return false;
    }

    /**
     * Resources follow their package: {@code jakarta/servlet/x.properties} is visible like {@code jakarta.servlet.X},
     * and a class file like its class. A service file {@code META-INF/services/S} is a candidate when {@code S}
     * is visible; the loader then keeps only the files whose providers are all visible
     * ({@link #exposesServiceProviders}).
     */
    public boolean exposesResource(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        if (ROOT_RESOURCES.contains(relative)) {
            return true;
        }
        String service = serviceOf(relative);
        if (service != null) {
            return exposesClass(service);
        }
        String asClass = relative.endsWith(".class") ? relative.substring(0, relative.length() - ".class".length()) : relative;
        return exposesClass(asClass.replace('/', '.'));
    }

    /** The service type a {@code META-INF/services/} resource describes, or null for any other resource. */
    public static String serviceOf(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.startsWith(SERVICES) && relative.length() > SERVICES.length() ? relative.substring(SERVICES.length()) : null;
    }

    /** A host service file is shown only if every provider it names is visible: nothing hidden leaks by name. */
    public boolean exposesServiceProviders(List<String> providers) {
        return !providers.isEmpty() && providers.stream().allMatch(this::exposesClass);
    }

    private static final String SERVICES = "META-INF/services/";
}
