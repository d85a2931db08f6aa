package io.cohost.kernel.container;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import org.eclipse.jetty.ee10.webapp.Configuration;
import org.eclipse.jetty.ee10.webapp.MetaInfConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.util.resource.Resource;
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
    private static final ContainerMetaInf CONTAINER_META_INF = ContainerMetaInf.read(CONTAINER_JARS);

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

    /**
     * Jetty's scan, except that the container jars' findings come from {@link ContainerMetaInf}, read once
     * per host, instead of mounting each jar again for every deploy; the app's own jars are scanned as
     * Jetty scans them.
     */
    @Override
    protected void scanJars(WebAppContext context) throws Exception {
        if (CONTAINER_META_INF.fragmentsOrResources()) {
            super.scanJars(context);
            return;
        }
        // as Jetty does: the attributes exist (even empty) once this configuration has scanned
        if (context.getAttribute(METAINF_TLDS) == null) {
            context.setAttribute(METAINF_TLDS, new HashSet<URL>());
        }
        if (context.getAttribute(METAINF_RESOURCES) == null) {
            context.setAttribute(METAINF_RESOURCES, new HashSet<Resource>());
        }
        if (context.getAttribute(METAINF_FRAGMENTS) == null) {
            context.setAttribute(METAINF_FRAGMENTS, new HashMap<Resource, Resource>());
        }
        @SuppressWarnings("unchecked")
        Collection<URL> tlds = (Collection<URL>) context.getAttribute(METAINF_TLDS);
        tlds.addAll(CONTAINER_META_INF.tlds());

        List<String> scanTypes = new ArrayList<>(__allScanTypes);
        if (context.getMetaData().isMetaDataComplete()
                || (context.getServletContext().getEffectiveMajorVersion() < 3 && !context.isConfigurationDiscovered())) {
            scanTypes.remove(METAINF_FRAGMENTS);
        }
        scanJars(context, context.getMetaData().getWebInfResources(false), false, scanTypes);
    }

    /** The TLDs of the container jars, which every app's scan adds. */
    static List<URL> containerTlds() {
        return CONTAINER_META_INF.tlds();
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
