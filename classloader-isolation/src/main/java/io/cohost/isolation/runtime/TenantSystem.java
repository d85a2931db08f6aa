package io.cohost.isolation.runtime;

import io.cohost.isolation.TenantClassLoader;
import io.cohost.isolation.globals.TenantGlobals;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Locale;
import java.util.Properties;
import java.util.TimeZone;
import javax.management.MBeanServer;

/**
 * Where tenant calls to JVM-global state are redirected (see {@code GlobalCallRedirect}). Each method
 * mirrors one JDK method and acts on the calling tenant's {@link TenantGlobals} instead of the JVM:
 * the rewritten call site passes its own class as {@code caller}, which identifies the tenant.
 * Variants without {@code caller} serve method references and reflection, and identify the tenant
 * by the calling thread's context class loader.
 *
 * <p>This class is visible to tenants (it has to be, to be called), so nothing here lets a tenant
 * reach another tenant or the host: every method acts only on the caller's own view, and refuses
 * when no tenant can be identified.
 */
public final class TenantSystem {
    private TenantSystem() {}

    static TenantGlobals globals(Class<?> caller) {
        TenantClassLoader loader = TenantClassLoader.of(caller);
        if (loader == null && Thread.currentThread().getContextClassLoader() instanceof TenantClassLoader t) {
            loader = t;
        }
        if (loader != null && loader.owner() instanceof TenantGlobals g) {
            return g;
        }
        throw new SecurityException("io.cohost.isolation.runtime serves tenant code only; no tenant calls from "
                + (caller == null ? Thread.currentThread().getName() : caller.getName()));
    }

    private static TenantGlobals current() {
        return globals(null);
    }

    // ---- exit, halt, shutdown hooks ----

    public static void exit(int status, Class<?> caller) {
        terminate(globals(caller), "System.exit", status);
    }

    public static void exit(int status) {
        terminate(current(), "System.exit", status);
    }

    public static void runtimeExit(Runtime runtime, int status, Class<?> caller) {
        terminate(globals(caller), "Runtime.exit", status);
    }

    public static void runtimeExit(Runtime runtime, int status) {
        terminate(current(), "Runtime.exit", status);
    }

    public static void runtimeHalt(Runtime runtime, int status, Class<?> caller) {
        terminate(globals(caller), "Runtime.halt", status);
    }

    public static void runtimeHalt(Runtime runtime, int status) {
        terminate(current(), "Runtime.halt", status);
    }

    private static void terminate(TenantGlobals g, String call, int status) {
        g.exitRequested(call, status);
        throw new TenantTerminated("app '" + g.tenant() + "' called " + call + "(" + status
                + "); the app is stopped, the JVM and other apps keep running");
    }

    public static void addShutdownHook(Runtime runtime, Thread hook, Class<?> caller) {
        globals(caller).addShutdownHook(hook);
    }

    public static boolean removeShutdownHook(Runtime runtime, Thread hook, Class<?> caller) {
        return globals(caller).removeShutdownHook(hook);
    }

    // ---- threads ----

    /** {@code thread.start()} from tenant code: refused when the tenant has used up its thread quota. */
    public static void startThread(Thread thread, Class<?> caller) {
        globals(caller).beforeThreadStart();
        thread.start();
    }

    // ---- standard streams ----

    public static PrintStream out(Class<?> caller) {
        return globals(caller).out();
    }

    public static PrintStream err(Class<?> caller) {
        return globals(caller).err();
    }

    public static InputStream in(Class<?> caller) {
        return globals(caller).in();
    }

    public static void setOut(PrintStream s, Class<?> caller) {
        globals(caller).setOut(s);
    }

    public static void setErr(PrintStream s, Class<?> caller) {
        globals(caller).setErr(s);
    }

    public static void setIn(InputStream s, Class<?> caller) {
        globals(caller).setIn(s);
    }

    // ---- system properties ----

    public static String getProperty(String key, Class<?> caller) {
        checkKey(key);
        return globals(caller).properties().getProperty(key);
    }

    public static String getProperty(String key, String def, Class<?> caller) {
        checkKey(key);
        return globals(caller).properties().getProperty(key, def);
    }

    public static String setProperty(String key, String value, Class<?> caller) {
        checkKey(key);
        if (value == null) {
            throw new NullPointerException("value can't be null");
        }
        return (String) globals(caller).properties().setProperty(key, value);
    }

    public static String clearProperty(String key, Class<?> caller) {
        checkKey(key);
        return (String) globals(caller).properties().remove(key);
    }

    public static Properties getProperties(Class<?> caller) {
        return globals(caller).properties();
    }

    public static void setProperties(Properties props, Class<?> caller) {
        globals(caller).replaceProperties(props);
    }

    public static Integer getInteger(String key, Class<?> caller) {
        return getInteger(key, (Integer) null, caller);
    }

    public static Integer getInteger(String key, int def, Class<?> caller) {
        return getInteger(key, Integer.valueOf(def), caller);
    }

    public static Integer getInteger(String key, Integer def, Class<?> caller) {
        String v = key == null || key.isEmpty() ? null : globals(caller).properties().getProperty(key);
        try {
            return v == null ? def : Integer.decode(v);
        } catch (NumberFormatException e) {
            return def;
        }
    }

    public static Long getLong(String key, Class<?> caller) {
        return getLong(key, (Long) null, caller);
    }

    public static Long getLong(String key, long def, Class<?> caller) {
        return getLong(key, Long.valueOf(def), caller);
    }

    public static Long getLong(String key, Long def, Class<?> caller) {
        String v = key == null || key.isEmpty() ? null : globals(caller).properties().getProperty(key);
        try {
            return v == null ? def : Long.decode(v);
        } catch (NumberFormatException e) {
            return def;
        }
    }

    public static boolean getBoolean(String key, Class<?> caller) {
        return key != null && !key.isEmpty() && Boolean.parseBoolean(globals(caller).properties().getProperty(key));
    }

    private static void checkKey(String key) {
        if (key == null) {
            throw new NullPointerException("key can't be null");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key can't be empty");
        }
    }

    // ---- temporary files ----

    private static java.nio.file.Path tmpDir(Class<?> caller) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Path.of(globals(caller).properties().getProperty("java.io.tmpdir"));
        java.nio.file.Files.createDirectories(dir);
        return dir;
    }

    public static java.io.File createTempFile(String prefix, String suffix, Class<?> caller) throws java.io.IOException {
        return java.io.File.createTempFile(prefix, suffix, tmpDir(caller).toFile());
    }

    public static java.nio.file.Path createTempPath(String prefix, String suffix, java.nio.file.attribute.FileAttribute<?>[] attrs,
            Class<?> caller) throws java.io.IOException {
        return java.nio.file.Files.createTempFile(tmpDir(caller), prefix, suffix, attrs);
    }

    public static java.nio.file.Path createTempDirectory(String prefix, java.nio.file.attribute.FileAttribute<?>[] attrs,
            Class<?> caller) throws java.io.IOException {
        return java.nio.file.Files.createTempDirectory(tmpDir(caller), prefix, attrs);
    }

    // ---- locale, time zone, uncaught exception handler ----

    public static Locale getDefaultLocale(Class<?> caller) {
        return globals(caller).locale();
    }

    public static Locale getDefaultLocale(Locale.Category category, Class<?> caller) {
        return globals(caller).locale(category);
    }

    public static void setDefaultLocale(Locale locale, Class<?> caller) {
        globals(caller).setLocale(locale);
    }

    public static void setDefaultLocale(Locale.Category category, Locale locale, Class<?> caller) {
        globals(caller).setLocale(category, locale);
    }

    public static TimeZone getDefaultTimeZone(Class<?> caller) {
        return globals(caller).timeZone();
    }

    public static void setDefaultTimeZone(TimeZone zone, Class<?> caller) {
        globals(caller).setTimeZone(zone);
    }

    public static Thread.UncaughtExceptionHandler getDefaultUncaughtExceptionHandler(Class<?> caller) {
        return globals(caller).defaultUncaughtExceptionHandler();
    }

    public static void setDefaultUncaughtExceptionHandler(Thread.UncaughtExceptionHandler h, Class<?> caller) {
        globals(caller).setDefaultUncaughtExceptionHandler(h);
    }

    // ---- native libraries ----

    public static void load(String filename, Class<?> caller) {
        throw nativeRefused(globals(caller), filename);
    }

    public static void loadLibrary(String libname, Class<?> caller) {
        throw nativeRefused(globals(caller), libname);
    }

    public static void runtimeLoad(Runtime runtime, String filename, Class<?> caller) {
        throw nativeRefused(globals(caller), filename);
    }

    public static void runtimeLoadLibrary(Runtime runtime, String libname, Class<?> caller) {
        throw nativeRefused(globals(caller), libname);
    }

    private static UnsatisfiedLinkError nativeRefused(TenantGlobals g, String library) {
        return new UnsatisfiedLinkError("app '" + g.tenant() + "' may not load native library '" + library
                + "': native code can crash or exit the whole JVM; allow it with 'nativeLibraries: true' in the app's configuration");
    }

    // ---- processes ----

    public static Process startProcess(ProcessBuilder builder, Class<?> caller) throws java.io.IOException {
        checkProcesses(globals(caller), builder.command());
        return builder.start();
    }

    public static java.util.List<Process> startPipeline(java.util.List<ProcessBuilder> builders, Class<?> caller) throws java.io.IOException {
        TenantGlobals g = globals(caller);
        for (ProcessBuilder b : builders) {
            checkProcesses(g, b.command());
        }
        return ProcessBuilder.startPipeline(builders);
    }

    public static Process exec(Runtime runtime, String command, Class<?> caller) throws java.io.IOException {
        checkProcesses(globals(caller), java.util.List.of(String.valueOf(command)));
        return runtime.exec(command);
    }

    public static Process exec(Runtime runtime, String[] command, Class<?> caller) throws java.io.IOException {
        checkProcesses(globals(caller), commandLine(command));
        return runtime.exec(command);
    }

    public static Process exec(Runtime runtime, String command, String[] env, Class<?> caller) throws java.io.IOException {
        checkProcesses(globals(caller), java.util.List.of(String.valueOf(command)));
        return runtime.exec(command, env);
    }

    public static Process exec(Runtime runtime, String[] command, String[] env, Class<?> caller) throws java.io.IOException {
        checkProcesses(globals(caller), commandLine(command));
        return runtime.exec(command, env);
    }

    public static Process exec(Runtime runtime, String command, String[] env, java.io.File dir, Class<?> caller) throws java.io.IOException {
        checkProcesses(globals(caller), java.util.List.of(String.valueOf(command)));
        return runtime.exec(command, env, dir);
    }

    public static Process exec(Runtime runtime, String[] command, String[] env, java.io.File dir, Class<?> caller) throws java.io.IOException {
        checkProcesses(globals(caller), commandLine(command));
        return runtime.exec(command, env, dir);
    }

    private static java.util.List<String> commandLine(String[] command) {
        return command == null ? java.util.List.of() : java.util.Arrays.stream(command).map(String::valueOf).toList();
    }

    private static void checkProcesses(TenantGlobals g, java.util.List<String> command) throws java.io.IOException {
        if (!g.processesAllowed()) {
            throw new java.io.IOException("app '" + g.tenant() + "' may not start processes (tried: " + String.join(" ", command)
                    + "): a process runs outside the app's quotas and file rules and can signal the host;"
                    + " allow it with 'processes: true' in the app's access policy");
        }
    }

    // ---- JMX ----

    public static MBeanServer getPlatformMBeanServer(Class<?> caller) {
        return globals(caller).mbeans().view();
    }

    // ---- reflection and method handles ----

    /**
     * {@code Method.invoke} from tenant code: an intercepted JDK method is sent to its tenant-scoped
     * counterpart; anything else is invoked as asked. Access is checked against this class rather
     * than the tenant's, so a tenant calling a non-public member of its own classes is let through.
     */
    public static Object invoke(Method method, Object target, Object[] args, Class<?> caller)
            throws IllegalAccessException, InvocationTargetException {
        Method redirect = io.cohost.isolation.intercept.RedirectTable.reflective(method);
        if (redirect != null) {
            Object[] full = io.cohost.isolation.intercept.RedirectTable.reflectiveArgs(method, target, args, caller);
            return redirect.invoke(null, full);
        }
        try {
            return method.invoke(target, args);
        } catch (IllegalAccessException e) {
            if (TenantClassLoader.of(method.getDeclaringClass()) != null
                    && TenantClassLoader.of(method.getDeclaringClass()) == TenantClassLoader.of(caller)) {
                method.setAccessible(true);
                return method.invoke(target, args);
            }
            throw e;
        }
    }

    public static MethodHandle findStatic(MethodHandles.Lookup lookup, Class<?> owner, String name, MethodType type, Class<?> caller)
            throws NoSuchMethodException, IllegalAccessException {
        MethodHandle redirect = io.cohost.isolation.intercept.RedirectTable.handle(owner, name, type, true);
        return redirect != null ? redirect : lookup.findStatic(owner, name, type);
    }

    public static MethodHandle findVirtual(MethodHandles.Lookup lookup, Class<?> owner, String name, MethodType type, Class<?> caller)
            throws NoSuchMethodException, IllegalAccessException {
        MethodHandle redirect = io.cohost.isolation.intercept.RedirectTable.handle(owner, name, type, false);
        return redirect != null ? redirect : lookup.findVirtual(owner, name, type);
    }

    public static MethodHandle unreflect(MethodHandles.Lookup lookup, Method method, Class<?> caller) throws IllegalAccessException {
        MethodHandle redirect = io.cohost.isolation.intercept.RedirectTable.handle(method.getDeclaringClass(), method.getName(),
                MethodType.methodType(method.getReturnType(), method.getParameterTypes()), Modifier.isStatic(method.getModifiers()));
        return redirect != null ? redirect : lookup.unreflect(method);
    }
}
