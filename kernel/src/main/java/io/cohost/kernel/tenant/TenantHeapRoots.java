package io.cohost.kernel.tenant;

import io.cohost.governor.HeapRoots;
import io.cohost.isolation.TenantClassLoader;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.session.ManagedSession;

/**
 * One tenant instance's heap roots: the statics of its initialized classes, its servlet context
 * attributes, its HTTP sessions' attributes and the ThreadLocal maps of its threads. The walk enters
 * the tenant's own classes and the JDK's; Jetty's, the host's and other tenants' objects stop it.
 */
final class TenantHeapRoots implements HeapRoots {
    private static final Field THREAD_LOCALS = threadLocalsField();

    private final TenantClassLoader loader;
    private final WebAppContext context;
    private final Map<String, ManagedSession> sessions;
    private final ThreadGroup group;
    private final ClassLoader platform = ClassLoader.getPlatformClassLoader();

    TenantHeapRoots(TenantClassLoader loader, WebAppContext context, Map<String, ManagedSession> sessions, ThreadGroup group) {
        this.loader = loader;
        this.context = context;
        this.sessions = sessions;
        this.group = group;
    }

    @Override
    public void forEachRoot(Consumer<Object> root) {
        for (Class<?> c : loader.initializedClasses()) {
            staticsOf(c, root);
        }
        if (context.isStarted()) {
            for (String name : Collections.list(context.getServletContext().getAttributeNames())) {
                root.accept(context.getServletContext().getAttribute(name));
            }
        }
        // Straight from the session data, without the session's lock: Jetty holds that lock while it calls
        // the app's unbinding listeners, which may be parked for this walk; and a session being invalidated
        // refuses reads through the session, yet its attributes are still retained until it is gone.
        for (ManagedSession session : sessions.values()) {
            for (Object value : session.getSessionData().getAllAttributes().values()) {
                root.accept(value);
            }
        }
        if (THREAD_LOCALS != null) {
            Thread[] threads = new Thread[group.activeCount() + 8];
            int n = group.enumerate(threads, true);
            for (int i = 0; i < n; i++) {
                try {
                    root.accept(THREAD_LOCALS.get(threads[i]));
                } catch (IllegalAccessException e) {
                    // not opened: ThreadLocals are not counted
                }
            }
        }
    }

    private static void staticsOf(Class<?> c, Consumer<Object> root) {
        Field[] fields;
        try {
            fields = c.getDeclaredFields();
        } catch (LinkageError e) {
            return;
        }
        for (Field f : fields) {
            if (Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                try {
                    f.setAccessible(true);
                    root.accept(f.get(null));
                } catch (IllegalAccessException | InaccessibleObjectException | LinkageError e) {
                    // a field that cannot be read is not counted
                }
            }
        }
    }

    @Override
    public boolean owns(Class<?> type) {
        ClassLoader l = type.getClassLoader();
        return l == null || l == platform || l == loader;
    }

    private static Field threadLocalsField() {
        try {
            Field f = Thread.class.getDeclaredField("threadLocals");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
