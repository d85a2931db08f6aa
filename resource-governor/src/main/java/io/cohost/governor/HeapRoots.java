package io.cohost.governor;

import java.util.function.Consumer;

/**
 * Where a tenant's retained heap starts, supplied by the host: the static fields of the classes its
 * loader defined, its servlet context attributes, its HTTP sessions, the ThreadLocals on its threads,
 * objects it registered with the host. And which classes are the tenant's (or the JDK's) to enter.
 */
public interface HeapRoots {
    HeapRoots NONE = new HeapRoots() {
        @Override
        public void forEachRoot(Consumer<Object> root) {}

        @Override
        public boolean owns(Class<?> type) {
            return false;
        }
    };

    void forEachRoot(Consumer<Object> root);

    /** True for the tenant's own classes and the JDK's; false for the host's and other tenants'. */
    boolean owns(Class<?> type);
}
