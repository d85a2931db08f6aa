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
import io.cohost.kernel.config.AppDescriptor;
import io.cohost.kernel.container.ContainerFeatures;
import io.cohost.kernel.container.InitializerExclusions;
import io.cohost.kernel.container.JspUse;
import io.cohost.kernel.dispatch.RequestObserver;
import io.cohost.kernel.dispatch.TenantExecutor;
import io.cohost.kernel.dispatch.TenantThreadGroup;
import io.cohost.kernel.dispatch.TenantWebAppContext;
import io.cohost.kernel.logs.TenantLogs;
import io.cohost.kernel.management.AccessPolicy;
import io.cohost.kernel.sandbox.FileRules;
import io.cohost.kernel.sandbox.TenantSandbox;
import io.cohost.kernel.sandbox.ThreadAttribution;
import io.cohost.kernel.state.AppStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
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

    /**
     * What varies per app beyond its WAR: its descriptor (see {@link AppDescriptor}), whose
     * {@code hostPackages}, {@code systemProperties} and {@code nativeLibraries} shape the class loader
     * and the JVM-global view, and whose JNDI entries, realms, initializer exclusions and class path
     * are applied to the web context; and its quota.
     */
    public record Options(AppDescriptor descriptor, Quota quota) {
        public Options {
            java.util.Objects.requireNonNull(descriptor, "descriptor");
            java.util.Objects.requireNonNull(quota, "quota");
        }

        public Options(List<String> hostPackages, Map<String, String> systemProperties, boolean nativeLibraries, Quota quota) {
            this(new AppDescriptor(java.util.Optional.empty(), List.of(), io.cohost.kernel.config.JndiDefinitions.none(),
                    hostPackages, List.of(), systemProperties, nativeLibraries, List.of(), Map.of(), java.util.Optional.empty()), quota);
        }

        public static Options defaults() {
            return new Options(AppDescriptor.empty(), Quota.none());
        }

        public Options withQuota(Quota q) {
            return new Options(descriptor, q);
        }

        public Options withDescriptor(AppDescriptor d) {
            return new Options(d, quota);
        }

        public List<String> hostPackages() {
            return descriptor.hostPackages();
        }

        public Map<String, String> systemProperties() {
            return descriptor.systemProperties();
        }

        public boolean nativeLibraries() {
            return descriptor.nativeLibraries();
        }
    }

    /**
     * The steps every class of a tenant goes through, in order. Public so the governor-overhead benchmark
     * measures exactly what tenants run.
     */
    public static TransformPipeline pipeline(boolean nativeLibraries) {
        return new TransformPipeline(List.of(new GlobalCallRedirect(nativeLibraries), new CheckpointInjection(), new StaticsTracking()));
    }

    TenantInstance create(String tenant, String version, String contextPath, RequestObserver observer,
            Options options, InstanceEvents events) throws IOException {
        Path tmpDir = store.workDir(tenant).resolve("tmp");
        Files.createDirectories(tmpDir);
        // The app's own java.io.tmpdir, unless its descriptor sets one
        Map<String, String> appProperties = new java.util.TreeMap<>();
        appProperties.put("java.io.tmpdir", tmpDir.toString());
        appProperties.putAll(options.systemProperties());
        TenantGlobals globals = new TenantGlobals(tenant, hostProperties, appProperties, logs.stream(tenant),
                (t, call, status) -> events.exitCalled(call, status), options.nativeLibraries());
        AccessPolicy access = options.descriptor().access().orElse(AccessPolicy.defaults());
        globals.allowProcesses(access.processes());
        TenantThreadGroup group = new TenantThreadGroup(tenantsGroup, tenant);
        group.routeUncaught(globals::defaultUncaughtExceptionHandler, globals.err());
        TenantExecutor executor = new TenantExecutor(tenant, group, config.tenantMaxThreads(), config.tenantIdleKeepAlive());

        Path war = store.warPath(tenant, version);
        boolean jsp = new JspUse(store.root().resolve("cache").resolve("jsp")).of(war, version, options.descriptor().classPath());
        VisibilityPolicy policy = (jsp ? VisibilityPolicy.defaults() : VisibilityPolicy.defaults().withoutJsp())
                .withHostPackages(options.hostPackages());
        HostApiClassLoader parent = new HostApiClassLoader(TenantInstanceFactory.class.getClassLoader(), policy);
        TransformPipeline pipeline = pipeline(options.nativeLibraries());
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
        context.setConfigurations(ContainerFeatures.configurations(tenant, options.descriptor(), jsp));
        applyDescriptor(context, options.descriptor());
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

        // The context's temp directory (ServletContext.TEMPDIR: JSP scratch files, the unpacked WAR) lives in
        // the app's working directory, one per instance since a redeploy runs two side by side.
        Path unpackDir = tmpDir.resolve(CONTEXT_DIR_PREFIX + sequence.incrementAndGet());
        Files.createDirectories(unpackDir);
        context.setTempDirectory(unpackDir.toFile());
        context.setTempDirectoryPersistent(false);

        TenantSandbox sandbox = new TenantSandbox(tenant, governed.files(), ownFiles(store.workDir(tenant), war, options.descriptor()),
                access);
        group.setGate(sandbox);
        ThreadAttribution.INSTANCE.register(loader, sandbox);
        return new TenantInstance(tenant, version, contextPath, context, globals, classes, unpackDir, governor, governed, sandbox);
    }

    /**
     * The files an instance may use before any grant: its work directory (which holds its tmpdir and
     * its unpacked WAR), its WAR, and the jars its descriptor adds to its class path. The container keeps
     * the WAR and those jars open (mounted) and may share them between instances, so they are not charged.
     */
    private static List<FileRules.Root> ownFiles(Path workDir, Path war, AppDescriptor descriptor) {
        List<FileRules.Root> roots = new java.util.ArrayList<>();
        roots.add(new FileRules.Root(workDir, true, "its work directory"));
        roots.add(new FileRules.Root(war, false, false, "its WAR"));
        for (String entry : descriptor.classPath()) {
            roots.add(new FileRules.Root(Path.of(entry), false, false, "its class path entry"));
        }
        return roots;
    }

    /** Prefix of the per-instance context directories in {@code DATA/work/NAME/tmp}; stale ones are removed at host start. */
    public static final String CONTEXT_DIR_PREFIX = "cohost-context-";

    private static void applyDescriptor(TenantWebAppContext context, AppDescriptor descriptor) {
        List<String> excluded = descriptor.excludeInitializers();
        if (!excluded.isEmpty()) {
            context.setAttribute(AnnotationConfiguration.SERVLET_CONTAINER_INITIALIZER_EXCLUSION_PATTERN,
                    InitializerExclusions.pattern(excluded));
        }
        if (!descriptor.classPath().isEmpty()) {
            context.setExtraClasspath(descriptor.classPath().stream()
                    .map(p -> context.getResourceFactory().newResource(Path.of(p)))
                    .toList());
        }
        // Jetty hides its own classes from web apps too; host packages granted to this app are let through both.
        for (String p : descriptor.hostPackages()) {
            if (p.startsWith("org.eclipse.jetty.")) {
                context.getHiddenClassMatcher().exclude(p);
            }
        }
    }
}
