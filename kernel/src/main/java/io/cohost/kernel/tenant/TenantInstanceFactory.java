package io.cohost.kernel.tenant;

import io.cohost.governor.GovernedTenant;
import io.cohost.governor.Governor;
import io.cohost.governor.StopSignal;
import io.cohost.governor.quota.Quota;
import io.cohost.isolation.HostApiClassLoader;
import io.cohost.isolation.checkpoint.CheckpointInjection;
import io.cohost.isolation.checkpoint.StaticsTracking;
import org.eclipse.jetty.session.DefaultSessionCache;
import org.eclipse.jetty.session.ManagedSession;
import io.cohost.isolation.runtime.RequestAborted;
import io.cohost.isolation.runtime.TenantTerminated;
import io.cohost.isolation.TenantClassLoader;
import io.cohost.isolation.VisibilityPolicy;
import io.cohost.isolation.globals.TenantGlobals;
import io.cohost.isolation.intercept.GlobalCallRedirect;
import io.cohost.isolation.transform.TransformPipeline;
import io.cohost.isolation.transform.TransformedClasses;
import io.cohost.kernel.HostConfig;
import io.cohost.kernel.dispatch.RequestObserver;
import io.cohost.kernel.dispatch.TenantExecutor;
import io.cohost.kernel.dispatch.TenantThreadGroup;
import io.cohost.kernel.dispatch.TenantWebAppContext;
import io.cohost.kernel.logs.TenantLogs;
import io.cohost.kernel.state.AppStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Server;

/**
 * Builds one version of one app: its thread group and executor, its own view of JVM-global state,
 * its class loader (visibility policy + transformation pipeline) and its web context. The WAR's
 * classes are transformed here, before anything starts, so a class that cannot be transformed
 * fails the start with its name.
 */
public final class TenantInstanceFactory {
    private final Server server;
    private final HostConfig config;
    private final AppStore store;
    private final TenantLogs logs;
    private final Governor governor;
    private final Properties hostProperties;
    private final ThreadGroup tenantsGroup = new ThreadGroup(io.cohost.kernel.HostThreads.group().getParent(), "cohost-tenants");
    private final AtomicLong sequence = new AtomicLong();

    public TenantInstanceFactory(Server server, HostConfig config, AppStore store, TenantLogs logs, Governor governor) {
        this.governor = governor;
        this.server = server;
        this.config = config;
        this.store = store;
        this.logs = logs;
        // Tenants start from the host's properties as they were at boot, before any tenant ran.
        this.hostProperties = (Properties) System.getProperties().clone();
    }

    /** What varies per app beyond its WAR. */
    public record Options(List<String> hostPackages, Map<String, String> systemProperties, boolean nativeLibraries, Quota quota) {
        public static Options defaults() {
            return new Options(List.of(), Map.of(), false, Quota.none());
        }

        public Options withQuota(Quota q) {
            return new Options(hostPackages, systemProperties, nativeLibraries, q);
        }
    }

    TenantInstance create(String tenant, String version, String contextPath, RequestObserver observer,
            Options options, InstanceEvents events) throws IOException {
        TenantGlobals globals = new TenantGlobals(tenant, hostProperties, options.systemProperties(), logs.stream(tenant),
                (t, call, status) -> events.exitCalled(call, status), options.nativeLibraries());
        TenantThreadGroup group = new TenantThreadGroup(tenantsGroup, tenant);
        group.routeUncaught(globals::defaultUncaughtExceptionHandler, globals.err());
        TenantExecutor executor = new TenantExecutor(tenant, group, config.tenantMaxThreads(), config.tenantIdleKeepAlive());

        Path war = store.warPath(tenant, version);
        VisibilityPolicy policy = VisibilityPolicy.defaults().withHostPackages(options.hostPackages());
        HostApiClassLoader parent = new HostApiClassLoader(TenantInstanceFactory.class.getClassLoader(), policy);
        TransformPipeline pipeline = new TransformPipeline(List.of(new GlobalCallRedirect(options.nativeLibraries()),
                new CheckpointInjection(), new StaticsTracking()));
        Path cacheDir = store.root().resolve("cache").resolve("classes");
        Files.createDirectories(cacheDir);
        TransformedClasses classes = TransformedClasses.prepare(tenant, war, cacheDir.resolve(version + "-" + pipeline.id() + ".zip"),
                pipeline, parent);

        TenantWebAppContext context = new TenantWebAppContext(executor);
        context.setDisplayName(tenant);
        context.setContextPath(contextPath);
        context.setWar(war.toString());
        context.setServer(server);
        context.setThrowUnavailableOnStartupException(true);
        context.setRequestObserver(observer);
        TenantClassLoader loader = new TenantClassLoader(tenant, parent, context, classes, globals);
        context.setClassLoader(loader);

        GovernedTenant governed = governor.register(tenant, group, options.quota(),
                new InstanceControls(loader.guardSwitch(), executor, events));
        loader.setCheckpointHandler(() -> {
            try {
                governed.atCheckpoint();
            } catch (StopSignal stop) {
                throw stop.requestOnly() ? new RequestAborted(stop.getMessage()) : new TenantTerminated(stop.getMessage());
            }
        });
        globals.setThreadStartCheck(governed::beforeThreadStart);
        java.util.concurrent.ConcurrentHashMap<String, ManagedSession> sessions = new java.util.concurrent.ConcurrentHashMap<>();
        DefaultSessionCache sessionCache = new DefaultSessionCache(context.getSessionHandler(), sessions);
        sessionCache.setSessionDataStore(new org.eclipse.jetty.session.NullSessionDataStore());
        context.getSessionHandler().setSessionCache(sessionCache);
        governed.setHeapRoots(new TenantHeapRoots(loader, context, sessions, group));
        Runnable outOfMemory = () -> events.killRequested("memory: OutOfMemoryError on one of its threads");
        executor.setOnOutOfMemory(outOfMemory);
        group.setOnOutOfMemory(outOfMemory);
        context.setDispatchHooks(new GovernedDispatch(governed));

        Path unpackDir = store.tmpDir().resolve("webapps").resolve(tenant + "-" + sequence.incrementAndGet());
        Files.createDirectories(unpackDir);
        context.setTempDirectory(unpackDir.toFile());
        context.setTempDirectoryPersistent(false);
        return new TenantInstance(tenant, version, contextPath, context, globals, classes, unpackDir, governor, governed);
    }
}
