package io.cohost.isolation.runtime;

import io.cohost.isolation.TenantClassLoader;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;

/**
 * The slow path of every checkpoint: reached only when the tenant's guard is non-zero, that is when
 * the host wants something of the tenant's threads (pause while throttled, abort one request, stop).
 * It asks the tenant's {@link io.cohost.isolation.checkpoint.CheckpointHandler}.
 */
public final class Checkpoints {
    private Checkpoints() {}

    /** Called last thing in a tenant class's static initializer, when it returns normally. */
    public static void initialized(Class<?> type) {
        TenantClassLoader loader = TenantClassLoader.of(type);
        if (loader != null) {
            loader.markInitialized(type);
        }
    }

    /** A tenant's checkpoint gate, created open: its target does nothing until the host closes it. */
    public static MutableCallSite newGate() {
        return new MutableCallSite(MethodHandles.empty(MethodType.methodType(void.class)));
    }

    public static void slow(Class<?> guard) {
        TenantClassLoader loader = TenantClassLoader.of(guard);
        if (loader != null) {
            loader.checkpointHandler().atCheckpoint();
        }
    }
}
