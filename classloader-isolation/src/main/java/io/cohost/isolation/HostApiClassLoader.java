package io.cohost.isolation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The parent of every tenant class loader: the JDK, plus the host classes the
 * {@link VisibilityPolicy} exposes. Everything else on the host's class path is absent as far as a
 * tenant can tell: {@code loadClass} throws {@link ClassNotFoundException}, resource lookups find nothing.
 *
 * <p>One exception, the same as Jetty's: while Jetty applies a WAR's {@code jetty-web.xml} or
 * {@code jetty-env.xml} (container configuration, not tenant code) the whole host is visible on that
 * thread; see {@link ContainerXmlWindow}.
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
        if (policy.exposesClass(name) || ContainerXmlWindow.isOpen()) {
            return host.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        if (policy.exposesResource(name)) {
            if (VisibilityPolicy.serviceOf(name) != null) {
                List<URL> files = visibleServiceFiles(name);
                return files.isEmpty() ? super.getResource(name) : files.get(0);
            }
            return host.getResource(name);
        }
        return super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (policy.exposesResource(name)) {
            if (VisibilityPolicy.serviceOf(name) != null) {
                List<URL> all = new ArrayList<>(Collections.list(super.getResources(name)));
                all.addAll(visibleServiceFiles(name));
                return Collections.enumeration(all);
            }
            return host.getResources(name);
        }
        Enumeration<URL> platform = super.getResources(name);
        return platform == null ? Collections.emptyEnumeration() : platform;
    }

    /** The host's files for a service whose providers the policy all exposes. */
    private List<URL> visibleServiceFiles(String name) {
        List<URL> visible = new ArrayList<>();
        try {
            for (URL url : Collections.list(host.getResources(name))) {
                if (policy.exposesServiceProviders(providers(url))) {
                    visible.add(url);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read host service files " + name, e);
        }
        return visible;
    }

    private static List<String> providers(URL serviceFile) throws IOException {
        List<String> names = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(serviceFile.openStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                int hash = line.indexOf('#');
                String provider = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (!provider.isEmpty()) {
                    names.add(provider);
                }
            }
        }
        return names;
    }

    @Override
    public String toString() {
        return "HostApiClassLoader{" + policy.hostPackages() + "}";
    }
}
