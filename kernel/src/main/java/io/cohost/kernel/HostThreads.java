package io.cohost.kernel;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thread group every host thread lives in. A new thread inherits the group of the thread that
 * creates it, and pools grow lazily, so a host pool that happens to grow while a tenant thread calls
 * into it would otherwise put host threads in that tenant's group: the host would then take them for
 * tenant threads (and stop them with the tenant). Every host pool therefore names this group.
 */
public final class HostThreads {
    private static final ThreadGroup GROUP = new ThreadGroup(rootGroup(), "cohost-host");

    private HostThreads() {}

    public static ThreadGroup group() {
        return GROUP;
    }

    /** Daemon threads named {@code prefix-N} in the host group. */
    public static ThreadFactory factory(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> newThread(r, prefix + "-" + n.incrementAndGet(), true);
    }

    /** Threads for Jetty's pools, which name and configure them themselves. */
    public static ThreadFactory jettyFactory() {
        return r -> newThread(r, "cohost-jetty", false);
    }

    @SuppressWarnings("removal")
    private static Thread newThread(Runnable r, String name, boolean daemon) {
        Thread t = java.security.AccessController.doPrivileged(
                (java.security.PrivilegedAction<Thread>) () -> new Thread(GROUP, r, name));
        t.setContextClassLoader(HostThreads.class.getClassLoader());
        t.setDaemon(daemon);
        return t;
    }

    private static ThreadGroup rootGroup() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g.getParent() != null) {
            g = g.getParent();
        }
        return g;
    }
}
