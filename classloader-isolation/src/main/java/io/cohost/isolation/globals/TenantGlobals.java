package io.cohost.isolation.globals;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.TimeZone;
import java.util.function.IntConsumer;

/**
 * One tenant's own view of JVM-global state. Tenant classes are rewritten so that their calls to
 * {@code System.setProperty}, {@code System.out}, {@code Locale.setDefault}, {@code Runtime.addShutdownHook},
 * {@code System.exit} and the like land here instead of changing the JVM for everybody.
 *
 * <p>Created when a tenant instance is built and dropped with it, so a restart starts from the host's
 * values again (plus the app's configured system properties).
 */
public final class TenantGlobals {
    private final String tenant;
    private final Properties properties;
    private final ExitListener exitListener;
    private final List<Thread> shutdownHooks = new ArrayList<>();
    private final TenantMBeanServer mbeans;
    private final boolean nativeLibrariesAllowed;
    private volatile PrintStream out;
    private volatile PrintStream err;
    private volatile InputStream in;
    private volatile Locale locale;
    private final Locale[] categoryLocales = new Locale[Locale.Category.values().length];
    private volatile TimeZone timeZone;
    private volatile Thread.UncaughtExceptionHandler defaultHandler;
    private volatile Runnable threadStartCheck = () -> { };
    private volatile boolean processesAllowed;

    /** Told when tenant code calls an exit variant; it stops the tenant (never the JVM). */
    @FunctionalInterface
    public interface ExitListener {
        void exitRequested(String tenant, String call, int status);
    }

    /**
     * @param hostProperties    the host's system properties, copied as the tenant's starting view
     * @param appProperties     the app's own system properties from its configuration, applied on top
     * @param log               where the tenant's stdout and stderr go
     */
    public TenantGlobals(String tenant, Properties hostProperties, java.util.Map<String, String> appProperties,
            PrintStream log, ExitListener exitListener, boolean nativeLibrariesAllowed) {
        this.tenant = Objects.requireNonNull(tenant);
        this.properties = new Properties();
        this.properties.putAll(hostProperties);
        this.properties.putAll(appProperties);
        this.exitListener = exitListener;
        this.out = log;
        this.err = log;
        this.in = InputStream.nullInputStream();
        this.locale = Locale.getDefault();
        for (Locale.Category c : Locale.Category.values()) {
            categoryLocales[c.ordinal()] = Locale.getDefault(c);
        }
        this.timeZone = (TimeZone) TimeZone.getDefault().clone();
        this.mbeans = new TenantMBeanServer(tenant);
        this.nativeLibrariesAllowed = nativeLibrariesAllowed;
    }

    public String tenant() {
        return tenant;
    }

    public Properties properties() {
        return properties;
    }

    public void replaceProperties(Properties replacement) {
        synchronized (properties) {
            properties.clear();
            if (replacement != null) {
                properties.putAll(replacement);
            }
        }
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public InputStream in() {
        return in;
    }

    public void setOut(PrintStream s) {
        out = s;
    }

    public void setErr(PrintStream s) {
        err = s;
    }

    public void setIn(InputStream s) {
        in = s;
    }

    public Locale locale() {
        return locale;
    }

    public Locale locale(Locale.Category category) {
        return categoryLocales[category.ordinal()];
    }

    public void setLocale(Locale l) {
        Objects.requireNonNull(l, "Can't set default locale to NULL");
        locale = l;
        for (Locale.Category c : Locale.Category.values()) {
            categoryLocales[c.ordinal()] = l;
        }
    }

    public void setLocale(Locale.Category category, Locale l) {
        Objects.requireNonNull(category, "Category cannot be NULL");
        Objects.requireNonNull(l, "Can't set default locale to NULL");
        categoryLocales[category.ordinal()] = l;
    }

    public TimeZone timeZone() {
        return (TimeZone) timeZone.clone();
    }

    public void setTimeZone(TimeZone zone) {
        timeZone = zone == null ? (TimeZone) TimeZone.getDefault().clone() : (TimeZone) zone.clone();
    }

    public Thread.UncaughtExceptionHandler defaultUncaughtExceptionHandler() {
        return defaultHandler;
    }

    public void setDefaultUncaughtExceptionHandler(Thread.UncaughtExceptionHandler handler) {
        defaultHandler = handler;
    }

    public void addShutdownHook(Thread hook) {
        Objects.requireNonNull(hook);
        synchronized (shutdownHooks) {
            if (shutdownHooks.contains(hook)) {
                throw new IllegalArgumentException("Hook previously registered");
            }
            if (hook.isAlive()) {
                throw new IllegalArgumentException("Hook already running");
            }
            shutdownHooks.add(hook);
        }
    }

    public boolean removeShutdownHook(Thread hook) {
        synchronized (shutdownHooks) {
            return shutdownHooks.remove(hook);
        }
    }

    /** The hooks the tenant registered, handed over once; the caller runs them as the tenant stops. */
    public List<Thread> takeShutdownHooks() {
        synchronized (shutdownHooks) {
            List<Thread> hooks = List.copyOf(shutdownHooks);
            shutdownHooks.clear();
            return hooks;
        }
    }

    /** Set by the host: throws if the tenant may not start another thread (its thread quota). */
    public void setThreadStartCheck(Runnable check) {
        this.threadStartCheck = check;
    }

    public void beforeThreadStart() {
        threadStartCheck.run();
    }

    /** Set by the host from the app's access policy; refused by default. */
    public void allowProcesses(boolean allowed) {
        this.processesAllowed = allowed;
    }

    public boolean processesAllowed() {
        return processesAllowed;
    }

    public TenantMBeanServer mbeans() {
        return mbeans;
    }

    public boolean nativeLibrariesAllowed() {
        return nativeLibrariesAllowed;
    }

    public void exitRequested(String call, int status) {
        exitListener.exitRequested(tenant, call, status);
    }

    public IntConsumer exitAs(String call) {
        return status -> exitRequested(call, status);
    }
}
