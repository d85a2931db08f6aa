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

    public boolean exposesClass(String className) {
        for (String p : hostPackages) {
            if (className.startsWith(p) && (p.endsWith(".") || className.length() == p.length()
                    || className.charAt(p.length()) == '$')) {
                return true;
            }
        }
        return false;
    }

    /** Resources follow their package: {@code jakarta/servlet/x.properties} is visible like {@code jakarta.servlet.X}. */
    public boolean exposesResource(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return ROOT_RESOURCES.contains(relative) || exposesClass(relative.replace('/', '.'));
    }
}
