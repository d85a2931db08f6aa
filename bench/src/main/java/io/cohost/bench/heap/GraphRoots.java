package io.cohost.bench.heap;

import io.cohost.governor.HeapRoots;
import java.util.function.Consumer;

/**
 * A benchmark graph as a tenant's heap roots: one root, and the walk enters the JDK's classes and the
 * benchmark's own, as the kernel's {@code TenantHeapRoots} lets it enter the JDK's and the tenant
 * loader's (here the application class loader plays the tenant's).
 */
public final class GraphRoots implements HeapRoots {
    private final Object root;
    private final ClassLoader platform = ClassLoader.getPlatformClassLoader();
    private final ClassLoader own = GraphRoots.class.getClassLoader();

    public GraphRoots(Object root) {
        this.root = root;
    }

    @Override
    public void forEachRoot(Consumer<Object> consumer) {
        consumer.accept(root);
    }

    @Override
    public boolean owns(Class<?> type) {
        ClassLoader l = type.getClassLoader();
        return l == null || l == platform || l == own;
    }
}
