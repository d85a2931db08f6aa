package io.cohost.kernel.dispatch;

import java.util.function.Supplier;

/**
 * The thread group of one tenant instance. Threads the tenant's code starts inherit it, so it is how
 * the host recognises the tenant's threads. An exception that escapes one of them goes to the handler
 * the tenant set as its default (its own view of {@code Thread.setDefaultUncaughtExceptionHandler}),
 * or else is printed to the tenant's log, never to the host's.
 */
public final class TenantThreadGroup extends ThreadGroup {
    private final String tenant;
    private volatile Supplier<Thread.UncaughtExceptionHandler> tenantDefaultHandler = () -> null;
    private volatile java.io.PrintStream log = System.err;
    private volatile Runnable onOutOfMemory = () -> { };
    private volatile io.cohost.agent.DescriptorGate gate;

    public TenantThreadGroup(ThreadGroup parent, String tenant) {
        super(parent, "tenant-" + tenant);
        this.tenant = tenant;
        setDaemon(false);
        // a tenant thread may never outrank the host's: above normal, Java priorities map to negative nice
        // values when the JVM applies them to the OS (see CpuPriority)
        setMaxPriority(Thread.NORM_PRIORITY);
    }

    public String tenant() {
        return tenant;
    }

    /** What the tenant's threads may open, and where their descriptors are charged (see {@code ThreadAttribution}). */
    public void setGate(io.cohost.agent.DescriptorGate gate) {
        this.gate = gate;
    }

    /** The tenant's gate; null only in the instant between the group's creation and the instance's. */
    public io.cohost.agent.DescriptorGate gate() {
        return gate;
    }

    public void routeUncaught(Supplier<Thread.UncaughtExceptionHandler> defaultHandler, java.io.PrintStream tenantLog) {
        this.tenantDefaultHandler = defaultHandler;
        this.log = tenantLog;
    }

    /**
     * Forgets the tenant and removes the group from its parent. On JDK 17 a parent holds its
     * subgroups strongly until they are destroyed, so without this every stopped tenant's group,
     * and through it the tenant's state and class loader, would stay reachable.
     */
    @SuppressWarnings("removal")
    public void release() {
        tenantDefaultHandler = () -> null;
        log = System.err;
        onOutOfMemory = () -> { };
        try {
            if (!isDestroyed()) {
                destroy();
            }
        } catch (IllegalThreadStateException | UnsupportedOperationException e) {
            // threads still alive (reported as a leak by the stop), or JDK 20+ where groups are weakly held anyway
        }
    }

    public void setOnOutOfMemory(Runnable action) {
        this.onOutOfMemory = action;
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
        if (e instanceof OutOfMemoryError) {
            onOutOfMemory.run();
        }
        Thread.UncaughtExceptionHandler handler = tenantDefaultHandler.get();
        if (handler != null) {
            handler.uncaughtException(t, e);
            return;
        }
        if (e instanceof io.cohost.isolation.runtime.TenantTerminated) {
            return;
        }
        log.print("Exception in thread \"" + t.getName() + "\" ");
        e.printStackTrace(log);
    }
}
