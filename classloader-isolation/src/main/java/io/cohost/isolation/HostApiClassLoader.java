package io.cohost.isolation;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The parent of every tenant class loader: the JDK, plus the host classes the
 * {@link VisibilityPolicy} exposes. Everything else on the host's class path is absent as far as a
 * tenant can tell: {@code loadClass} throws {@link ClassNotFoundException}, resource lookups find nothing.
 */
public final class HostApiClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final ClassLoader host;
    private final VisibilityPolicy policy;

    public HostApiClassLoader(ClassLoader host, VisibilityPolicy policy) {
        super("cohost-host-api", ClassLoader.getPlatformClassLoader());
        this.host = host;
        this.policy = policy;
    }

    public VisibilityPolicy policy() {
        return policy;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (policy.exposesClass(name)) {
            return host.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        if (policy.exposesResource(name)) {
            return host.getResource(name);
        }
        return super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (policy.exposesResource(name)) {
            return host.getResources(name);
        }
        Enumeration<URL> platform = super.getResources(name);
        return platform == null ? Collections.emptyEnumeration() : platform;
    }

    @Override
    public String toString() {
        return "HostApiClassLoader{" + policy.hostPackages() + "}";
    }
}
