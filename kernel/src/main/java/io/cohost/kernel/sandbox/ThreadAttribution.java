package io.cohost.kernel.sandbox;

import io.cohost.agent.Attribution;
import io.cohost.agent.DescriptorGate;
import io.cohost.isolation.TenantClassLoader;
import io.cohost.kernel.dispatch.TenantThreadGroup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Which tenant the current thread works for, as the descriptor agent asks on every open:
 *
 * <ol>
 *   <li>a shared JDK thread a tenant can run code on (a worker of the common fork-join pool, which is
 *       born in the group of whichever thread first needed it, or a virtual thread) or a thread whose
 *       context loader is a tenant's: the tenant whose class is nearest on the stack, so a parallel
 *       stream neither lends a tenant the host's rights nor charges one tenant for another;</li>
 *   <li>a thread of a tenant's thread group (its request workers, the threads its code and the JDK
 *       start for it): that tenant, unless host code on it has entered a {@link HostScope};</li>
 *   <li>anything else: the host.</li>
 * </ol>
 *
 * The stack walk costs a few microseconds and happens only in case 1, which host threads never are.
 */
public final class ThreadAttribution implements Attribution {
    public static final ThreadAttribution INSTANCE = new ThreadAttribution();
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();
    private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final Map<ClassLoader, DescriptorGate> byLoader = new ConcurrentHashMap<>();

    private ThreadAttribution() {}

    /** A tenant loader's gate, for threads outside the tenant's group that run its code. */
    public void register(TenantClassLoader loader, DescriptorGate gate) {
        byLoader.put(loader, gate);
    }

    public void unregister(TenantClassLoader loader) {
        byLoader.remove(loader);
    }

    @Override
    public DescriptorGate current() {
        Thread t = Thread.currentThread();
        if ((t instanceof ForkJoinWorkerThread w && w.getPool() == ForkJoinPool.commonPool()) || isVirtual(t)) {
            return byNearestTenantFrame();
        }
        for (ThreadGroup g = t.getThreadGroup(); g != null; g = g.getParent()) {
            if (g instanceof TenantThreadGroup tenant) {
                return HostScope.active() ? null : tenant.gate();
            }
        }
        return t.getContextClassLoader() instanceof TenantClassLoader ? byNearestTenantFrame() : null;
    }

    private DescriptorGate byNearestTenantFrame() {
        if (byLoader.isEmpty()) {
            return null;
        }
        Optional<DescriptorGate> gate = STACK.walk(frames -> frames
                .map(f -> f.getDeclaringClass().getClassLoader())
                .filter(l -> l instanceof TenantClassLoader)
                .map(byLoader::get)
                .filter(java.util.Objects::nonNull)
                .findFirst());
        return gate.orElse(null);
    }

    private static boolean isVirtual(Thread t) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(t);
        } catch (Throwable e) {
            return false;
        }
    }

    /** {@code Thread.isVirtual()} exists from JDK 21; the host is compiled for 17. */
    private static MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
