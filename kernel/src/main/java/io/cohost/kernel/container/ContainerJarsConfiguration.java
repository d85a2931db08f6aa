package io.cohost.kernel.container;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.ee10.webapp.Configuration;
import org.eclipse.jetty.ee10.webapp.MetaInfConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * Jetty's {@link MetaInfConfiguration}, with the container jars it scans for TLDs, web fragments and
 * {@code META-INF/resources} named explicitly instead of matched against the JVM's class path: a
 * tenant's loader is not a child of the host's, and scanning the whole host class path would hand
 * tenants the host's own resources. The container jars scanned are the ones Jetty's distribution
 * scans: the Servlet API (so {@code @HandlesTypes(Servlet.class)} sees servlets through
 * {@code HttpServlet}) and the JSTL implementation, whose TLDs ({@code jakarta.tags.core}, {@code fmt},
 * {@code functions}) JSP pages name.
 */
public final class ContainerJarsConfiguration extends MetaInfConfiguration {
    /** A class from each container jar to scan; the jar is wherever the host loaded it from. */
    private static final List<String> CONTAINER_JAR_CLASSES = List.of(
            "jakarta.servlet.Servlet",
            "org.apache.taglibs.standard.tag.rt.core.ForEachTag");

    private static final List<URI> CONTAINER_JARS = locate();

    @Override
    public Class<? extends Configuration> replaces() {
        return MetaInfConfiguration.class;
    }

    @Override
    public void findAndFilterContainerPaths(WebAppContext context) {
        ResourceFactory resources = context.getResourceFactory();
        for (URI jar : CONTAINER_JARS) {
            context.getMetaData().addContainerResource(resources.newResource(jar));
        }
    }

    /** The container jars every app's scan covers. */
    static List<URI> containerJars() {
        return CONTAINER_JARS;
    }

    private static List<URI> locate() {
        List<URI> jars = new ArrayList<>();
        for (String name : CONTAINER_JAR_CLASSES) {
            try {
                Class<?> c = Class.forName(name, false, ContainerJarsConfiguration.class.getClassLoader());
                jars.add(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (ClassNotFoundException | URISyntaxException | RuntimeException e) {
                throw new IllegalStateException("the host's class path lacks the container jar of " + name
                        + "; rebuild the host with its dependencies", e);
            }
        }
        return List.copyOf(jars);
    }
}
