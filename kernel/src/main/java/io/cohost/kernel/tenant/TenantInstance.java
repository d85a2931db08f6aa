package io.cohost.kernel.tenant;

import io.cohost.governor.GovernedTenant;
import io.cohost.governor.Governor;
import io.cohost.isolation.TenantClassLoader;
import io.cohost.isolation.globals.TenantGlobals;
import io.cohost.isolation.transform.TransformedClasses;
import io.cohost.isolation.unload.JdbcDriverDeregistrar;
import io.cohost.isolation.unload.JulHandlerSweeper;
import io.cohost.isolation.unload.ThreadLocalSweeper;
import io.cohost.isolation.unload.ThreadReaper;
import io.cohost.kernel.dispatch.ConnectionChannelCache;
import io.cohost.kernel.dispatch.TenantExecutor;
import io.cohost.kernel.dispatch.TenantThreadGroup;
import io.cohost.kernel.dispatch.TenantWebAppContext;
import io.cohost.kernel.management.AccessPolicy;
import io.cohost.kernel.sandbox.DescriptorAgentLink;
import io.cohost.kernel.sandbox.TenantSandbox;
import io.cohost.kernel.sandbox.ThreadAttribution;
import io.cohost.kernel.state.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One started version of an app: its web context, its executor and thread group, its unpacked files.
 * Used once: a restart or redeploy builds a new instance and tears this one down.
 */
public final class TenantInstance {
    private static final Logger LOG = LoggerFactory.getLogger(TenantInstance.class);
    private static final Duration THREAD_EXIT_WAIT = Duration.ofSeconds(2);

    private final String tenant;
    private final String version;
    private final String contextPath;
    private final TenantWebAppContext context;
    private final TenantGlobals globals;
    private final TransformedClasses classes;
    private final Path unpackDir;
    private volatile Instant startedAt;
    private volatile List<String> unloadNotes = List.of();

    private final Governor governor;
    private final GovernedTenant governed;
    private final TenantSandbox sandbox;

    TenantInstance(String tenant, String version, String contextPath, TenantWebAppContext context, TenantGlobals globals,
            TransformedClasses classes, Path unpackDir, Governor governor, GovernedTenant governed, TenantSandbox sandbox) {
        this.governor = governor;
        this.governed = governed;
        this.sandbox = sandbox;
        this.tenant = tenant;
        this.version = version;
        this.contextPath = contextPath;
        this.context = context;
        this.globals = globals;
        this.classes = classes;
        this.unpackDir = unpackDir;
    }

    public GovernedTenant governed() {
        return governed;
    }

    void governedUpdate(io.cohost.governor.quota.Quota quota) {
        governor.updateQuota(governed, quota);
    }

    /** What the instance may open, reach and start. */
    public TenantSandbox sandbox() {
        return sandbox;
    }

    void applyAccess(AccessPolicy access) {
        sandbox.apply(access);
        globals.allowProcesses(access.processes());
    }

    public TenantGlobals globals() {
        return globals;
    }

    /** The tenant's class loader; weakly held by leak checks after stop. */
    public TenantClassLoader classLoader() {
        return (TenantClassLoader) context.getClassLoader();
    }

    public String tenantName() {
        return tenant;
    }

    public String version() {
        return version;
    }

    public String contextPath() {
        return contextPath;
    }

    public TenantWebAppContext context() {
        return context;
    }

    public TenantExecutor executor() {
        return context.executor();
    }

    public Instant startedAt() {
        return startedAt;
    }

    /**
     * Starts the app's code. Throws with the app's own exception when its initializers or listeners fail;
     * the instance is then already torn down.
     */
    public void start() throws Exception {
        try {
            context.start();
            Throwable unavailable = context.getUnavailableException();
            if (unavailable != null) {
                throw unavailable instanceof Exception e ? e : new IllegalStateException(unavailable);
            }
            if (!context.isAvailable()) {
                throw new IllegalStateException("the web application did not become available");
            }
            startedAt = Instant.now();
        } catch (Exception | Error e) {
            stop();
            throw e;
        }
    }

    /**
     * Stops the app's code, runs the shutdown hooks it registered, unregisters its MBeans, closes the
     * files and sockets it still holds (which also frees its threads blocked reading them), ends its
     * threads and deletes its unpacked files. Never throws.
     */
    public void stop() {
        TenantClassLoader loader = classLoader();
        try {
            context.stop();
        } catch (Exception e) {
            LOG.warn("tenant '{}': error while stopping version {}", tenant, shortVersion(), e);
        }
        ConnectionChannelCache.forget(context);
        runShutdownHooks();
        globals.mbeans().unregisterAll();
        TenantExecutor executor = context.executor();
        executor.shutdown();
        // every tenant thread now unwinds at its next checkpoint, even one spinning in a loop
        governed.terminate("app '" + tenant + "' is stopping");
        // nothing new may be opened from here on, and what is open is closed: a thread blocked reading wakes up
        sandbox.stop();
        List<String> notes = new ArrayList<>(DescriptorAgentLink.closeAll(sandbox));
        List<Thread> threads = liveThreads(executor.threadGroup());
        ThreadReaper.reap(threads);
        awaitThreadsEnded(executor.threadGroup());
        notes.addAll(ThreadReaper.describeSurvivors(liveThreads(executor.threadGroup())));
        notes.addAll(ThreadLocalSweeper.sweep(loader));
        notes.addAll(JdbcDriverDeregistrar.deregister(loader));
        notes.addAll(JulHandlerSweeper.sweep(loader));
        java.util.ResourceBundle.clearCache(loader);
        java.beans.Introspector.flushCaches();
        if (executor.threadGroup() instanceof TenantThreadGroup group) {
            group.release();
        }
        notes.addAll(DescriptorAgentLink.closeAll(sandbox));
        DescriptorAgentLink.forget(sandbox);
        ThreadAttribution.INSTANCE.unregister(loader);
        governor.unregister(governed);
        unloadNotes = List.copyOf(notes);
        notes.forEach(n -> LOG.info("tenant '{}': on stop: {}", tenant, n));
        try {
            classes.close();
            loader.close();
        } catch (IOException e) {
            LOG.warn("tenant '{}': cannot close its class loader", tenant, e);
        }
        loader.forgetClasses();
        try {
            AtomicFiles.deleteRecursively(unpackDir);
        } catch (IOException e) {
            LOG.warn("tenant '{}': cannot delete unpacked files in {}", tenant, unpackDir, e);
        }
    }

    /** Hooks the app registered with {@code Runtime.addShutdownHook} run now, as the JVM would run them at exit. */
    private void runShutdownHooks() {
        List<Thread> hooks = globals.takeShutdownHooks();
        for (Thread hook : hooks) {
            hook.start();
        }
        long deadline = System.nanoTime() + THREAD_EXIT_WAIT.toNanos();
        for (Thread hook : hooks) {
            try {
                hook.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (hook.isAlive()) {
                LOG.warn("tenant '{}': shutdown hook {} still running after {}", tenant, hook.getName(), THREAD_EXIT_WAIT);
            }
        }
    }

    private static void awaitThreadsEnded(ThreadGroup group) {
        long deadline = System.nanoTime() + THREAD_EXIT_WAIT.toNanos();
        for (Thread t : liveThreads(group)) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || t == Thread.currentThread() || ThreadReaper.isSharedJdkThread(t)) {
                continue;
            }
            try {
                t.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** What stopping found and cleared, or could not clear (a leak named for the operator). */
    public List<String> unloadNotes() {
        return unloadNotes;
    }

    static List<Thread> liveThreads(ThreadGroup group) {
        Thread[] threads = new Thread[group.activeCount() + 16];
        int n = group.enumerate(threads, true);
        List<Thread> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(threads[i]);
        }
        return result;
    }

    String shortVersion() {
        return version.length() > 12 ? version.substring(0, 12) : version;
    }

    @Override
    public String toString() {
        return "TenantInstance{" + tenant + "@" + shortVersion() + " " + contextPath + "}";
    }
}
