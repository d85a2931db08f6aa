package io.cohost.isolation;

import io.cohost.isolation.transform.TransformedClasses;
import io.cohost.isolation.checkpoint.CheckpointHandler;
import io.cohost.isolation.checkpoint.GuardClass;
import io.cohost.isolation.checkpoint.GuardSwitch;
import io.cohost.isolation.transform.TransformException;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.cert.Certificate;
import java.util.jar.Manifest;
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
    private final TransformedClasses classes;
    private volatile CheckpointHandler checkpointHandler = CheckpointHandler.NONE;
    private volatile Class<?> guard;
    private volatile GuardSwitch guardSwitch;

    /**
     * @param owner an object of the host that stands for this tenant (e.g. its runtime state), found
     *              again by {@link #owner()} from any class the tenant defined
     */
    public TenantClassLoader(String tenant, HostApiClassLoader parent, Context context, TransformedClasses classes, Object owner) {
        super(parent, context);
        this.tenant = tenant;
        this.owner = Objects.requireNonNull(owner, "owner");
        setName("tenant-" + tenant);
        this.classes = classes;
    }

    public String tenant() {
        return tenant;
    }

    public Object owner() {
        return owner;
    }

    public CheckpointHandler checkpointHandler() {
        return checkpointHandler;
    }

    public void setCheckpointHandler(CheckpointHandler handler) {
        this.checkpointHandler = handler;
    }

    /** The switch on this tenant's guard (one per loader), defining the guard class if no tenant class has needed it yet. */
    public GuardSwitch guardSwitch() {
        GuardSwitch s = guardSwitch;
        if (s == null) {
            synchronized (getClassLoadingLock(GuardClass.NAME)) {
                s = guardSwitch;
                if (s == null) {
                    s = new GuardSwitch(guardClass());
                    guardSwitch = s;
                }
            }
        }
        return s;
    }

    private Class<?> guardClass() {
        Class<?> g = guard;
        if (g == null) {
            synchronized (getClassLoadingLock(GuardClass.NAME)) {
                g = guard;
                if (g == null) {
                    byte[] bytes = GuardClass.bytes();
                    g = defineClass(GuardClass.NAME, bytes, 0, bytes.length);
                    guard = g;
                }
            }
        }
        return g;
    }

    /** The guard class is this loader's own, whatever the tenant's WAR or the parent hold. */
    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (GuardClass.NAME.equals(name)) {
            return guardClass();
        }
        return super.loadClass(name, resolve);
    }

    /**
     * Defines a class Jetty found in {@code WEB-INF/classes} or a {@code WEB-INF/lib} jar, after the
     * pipeline, with the code source and package (manifest attributes included) a plain
     * {@code URLClassLoader} would give it: some libraries locate their jar through
     * {@code getProtectionDomain().getCodeSource()} or read their version from the package.
     */
    @Override
    protected Class<?> foundClass(String name, URL url) throws ClassNotFoundException {
        byte[] original;
        try (InputStream in = url.openStream()) {
            original = in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        byte[] bytes;
        try {
            bytes = classes.transformed(name.replace('.', '/'), original, this::classBytes);
        } catch (TransformException e) {
            throw new ClassNotFoundException(e.getMessage(), e);
        }
        URL source = codeSource(url, name);
        definePackageFor(name, url, source);
        Class<?> c = defineClass(name, bytes, 0, bytes.length, new CodeSource(source, (Certificate[]) null));
        synchronized (defined) {
            defined.add(c);
        }
        return c;
    }

    private void definePackageFor(String className, URL url, URL source) {
        int dot = className.lastIndexOf('.');
        if (dot < 0) {
            return;
        }
        String pkg = className.substring(0, dot);
        if (getDefinedPackage(pkg) != null) {
            return;
        }
        try {
            Manifest manifest = null;
            if (url.openConnection() instanceof JarURLConnection jar) {
                jar.setUseCaches(false);
                manifest = jar.getManifest();
            }
            if (manifest != null) {
                definePackage(pkg, manifest, source);
            } else {
                definePackage(pkg, null, null, null, null, null, null, null);
            }
        } catch (IOException | IllegalArgumentException e) {
            // unreadable manifest, or another thread defined the package first
        }
    }

    /** {@code jar:file:/x/lib/a.jar!/p/C.class} → {@code file:/x/lib/a.jar}; {@code file:/x/classes/p/C.class} → {@code file:/x/classes/}. */
    static URL codeSource(URL url, String className) {
        String s = url.toString();
        try {
            if (s.startsWith("jar:")) {
                int bang = s.indexOf("!/");
                return new URL(s.substring(4, bang < 0 ? s.length() : bang));
            }
            String suffix = className.replace('.', '/') + ".class";
            return s.endsWith(suffix) ? new URL(s.substring(0, s.length() - suffix.length())) : url;
        } catch (MalformedURLException e) {
            return url;
        }
    }

    private final List<Class<?>> initialized = new ArrayList<>();

    public void markInitialized(Class<?> type) {
        synchronized (initialized) {
            initialized.add(type);
        }
    }

    /**
     * The classes of this tenant whose static initializer has completed: their statics can be read without
     * running tenant code or waiting for a tenant thread.
     */
    public List<Class<?>> initializedClasses() {
        synchronized (initialized) {
            return List.copyOf(initialized);
        }
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
        synchronized (initialized) {
            initialized.clear();
        }
    }

    /**
     * Runs a class of this tenant that another loader defines (a JSP page Jasper compiled at run time,
     * defined by Jasper's own loader) through the same pipeline as the WAR's classes.
     *
     * @throws io.cohost.isolation.transform.TransformException naming the class if it cannot be transformed
     */
    public byte[] transformForeign(String internalName, byte[] original) {
        return classes.transformed(internalName, original, this::classBytes);
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
