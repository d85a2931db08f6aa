package io.cohost.kernel.container;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.annotations.AnnotationParser;
import org.eclipse.jetty.annotations.AnnotationParser.Handler;
import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.webapp.Configuration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;

/**
 * Jetty's {@link AnnotationConfiguration}, except that the container jars are parsed once per host
 * ({@link ContainerJarScan}) instead of once per deploy; the app's own classes and jars are scanned
 * as Jetty scans them.
 */
public final class CachedContainerScanConfiguration extends AnnotationConfiguration {

    @Override
    public Class<? extends Configuration> replaces() {
        return AnnotationConfiguration.class;
    }

    @Override
    public void parseContainerPath(WebAppContext context, AnnotationParser parser) {
        State state = (State) context.getAttribute(STATE);
        // the handlers Jetty's own parseContainerPath hands the container jars to
        Set<Handler> handlers = new HashSet<>(state._discoverableAnnotationHandlers);
        handlers.addAll(state._containerInitializerAnnotationHandlers);
        if (state._classInheritanceHandler != null) {
            handlers.add(state._classInheritanceHandler);
        }
        try {
            ContainerJarScan.replay(handlers, ContainerJarsConfiguration.containerJars());
        } catch (Exception e) {
            throw new IllegalStateException("app '" + context.getContextPath() + "': the host's container jars could not be scanned", e);
        }
    }
}
