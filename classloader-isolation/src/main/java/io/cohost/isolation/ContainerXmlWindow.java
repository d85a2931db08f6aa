package io.cohost.isolation;

import java.lang.reflect.Field;
import org.eclipse.jetty.ee.webapp.WebAppClassLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the current thread is inside Jetty's "hidden class access" window: while Jetty applies a
 * WAR's own {@code WEB-INF/jetty-web.xml} or {@code WEB-INF/jetty-env.xml} it runs them through
 * {@link WebAppClassLoader#runWithHiddenClassAccess}, because those files configure the container
 * ({@code <Configure class="...WebAppContext">}, {@code <New class="org.eclipse.jetty.plus.jndi.EnvEntry">})
 * and must name container classes a web app's code may not see. The host's class path is visible
 * through the tenant's loader for exactly that window, as in Jetty.
 *
 * <p>Jetty keeps the window in a private thread-local, read here once by reflection (the host pins its
 * Jetty version). If it cannot be read, the window never opens and such files fail to name container
 * classes, with the class in the error.
 */
final class ContainerXmlWindow {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerXmlWindow.class);
    private static final ThreadLocal<?> WINDOW = find();

    private ContainerXmlWindow() {}

    static boolean isOpen() {
        return WINDOW != null && Boolean.TRUE.equals(WINDOW.get());
    }

    private static ThreadLocal<?> find() {
        try {
            Field f = WebAppClassLoader.class.getDeclaredField("__loadHiddenClasses");
            f.setAccessible(true);
            return (ThreadLocal<?>) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("cannot read Jetty's hidden-class window ({}); WEB-INF/jetty-web.xml and jetty-env.xml files "
                    + "cannot name container classes", e.toString());
            return null;
        }
    }
}
