package io.cohost.isolation;

import io.cohost.isolation.transform.TransformedClasses;
import java.lang.instrument.ClassFileTransformer;
import java.net.URL;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.ee.webapp.WebAppClassLoader.Context;
import org.eclipse.jetty.ee10.webapp.WebAppClassLoader;

/**
 * A tenant's class loader: Jetty's web-app loader (so {@code WEB-INF/classes}, {@code WEB-INF/lib},
 * web.xml, annotations and initializers behave exactly as in Jetty), whose parent is a
 * {@link HostApiClassLoader} that shows only what the {@link VisibilityPolicy} allows, and whose
 * every defined class comes out of the transformation pipeline ({@link TransformedClasses}).
 *
 * <p>It remembers the classes it defined: they are the roots of the tenant's retained-heap walk
 * and the subjects of leak checks after it stops.
 */
public final class TenantClassLoader extends WebAppClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final String tenant;
    private final Object owner;
    private final List<Class<?>> defined = new ArrayList<>();

    /**
     * @param owner an object of the host that stands for this tenant (e.g. its runtime state), found
     *              again by {@link #owner()} from any class the tenant defined
     */
    public TenantClassLoader(String tenant, HostApiClassLoader parent, Context context, TransformedClasses classes, Object owner) {
        super(parent, context);
        this.tenant = tenant;
        this.owner = Objects.requireNonNull(owner, "owner");
        setName("tenant-" + tenant);
        addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain,
                    byte[] original) {
                // Jetty passes the binary name (with dots), not the internal name the contract names
                return classes.transformed(internalName.replace('.', '/'), original, TenantClassLoader.this::classBytes);
            }
        });
    }

    public String tenant() {
        return tenant;
    }

    public Object owner() {
        return owner;
    }

    @Override
    protected Class<?> foundClass(String name, URL url) throws ClassNotFoundException {
        Class<?> c = super.foundClass(name, url);
        synchronized (defined) {
            defined.add(c);
        }
        return c;
    }

    /** The classes this loader has defined so far. */
    public List<Class<?>> definedClasses() {
        synchronized (defined) {
            return List.copyOf(defined);
        }
    }

    /** Drops the loader's own references to its classes once the tenant has stopped. */
    public void forgetClasses() {
        synchronized (defined) {
            defined.clear();
        }
    }

    /** The original bytes of another class of this tenant, for frame computation; null if it has none. */
    private byte[] classBytes(String internalName) {
        URL url = findResource(internalName + ".class");
        if (url == null) {
            return null;
        }
        try (var in = url.openStream()) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** The tenant a class belongs to, or null for host and JDK classes. */
    public static TenantClassLoader of(Class<?> type) {
        return type != null && type.getClassLoader() instanceof TenantClassLoader t ? t : null;
    }

    @Override
    public String toString() {
        return "TenantClassLoader{" + tenant + "}";
    }
}
