package io.cohost.kernel.tenant;

import io.cohost.governor.quota.Quota;
import io.cohost.kernel.config.AppDescriptor;
import io.cohost.kernel.deploy.SpooledUpload;
import io.cohost.kernel.deploy.WarDescriptor;
import io.cohost.kernel.dispatch.TenantRouter;
import io.cohost.kernel.management.AppInfo;
import io.cohost.kernel.management.DeployRequest;
import io.cohost.kernel.management.ManagementException;
import io.cohost.kernel.management.ManagementException.Kind;
import io.cohost.kernel.metrics.TenantRequestMetrics;
import io.cohost.kernel.management.AccessPolicy;
import io.cohost.kernel.state.AppRecord;
import io.cohost.kernel.state.AppStore;
import io.cohost.kernel.state.DesiredState;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds every app and drives its lifecycle: deploy, redeploy, start, stop, restart, undeploy,
 * restore after a host restart. Each operation takes the app's lock, moves it through
 * {@link TenantState}, keeps the router and the data directory in step, and persists the record
 * before it reports success.
 *
 * <p>A redeploy starts the new version beside the old one and switches the route only once the
 * new one is running; if it fails to start, the old one keeps serving.
 */
public final class TenantRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(TenantRegistry.class);

    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
    /** Which app holds each context path; claimed atomically so two apps deployed at once cannot both take one. */
    private final Map<String, String> contextPaths = new ConcurrentHashMap<>();
    private final AppStore store;
    private final TenantRouter router;
    private final TenantInstanceFactory factory;
    private final MeterRegistry meters;
    private final Clock clock;
    private final LeakWatch leakWatch;
    /** Whether the descriptor agent charges tenants' file handles; until it does, the {@code files} figures are absent. */
    private final java.util.function.BooleanSupplier fileHandlesMetered;
    /** Runs kills the host decides on (exit calls, quotas) off the tenant's own threads, which must unwind first. */
    private final java.util.concurrent.ExecutorService lifecycleThread =
            java.util.concurrent.Executors.newSingleThreadExecutor(io.cohost.kernel.HostThreads.factory("cohost-lifecycle"));

    private final RestartPolicy restartPolicy;
    private final HostBudgets hostBudgets;
    private final java.util.concurrent.ScheduledExecutorService restarts =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(io.cohost.kernel.HostThreads.factory("cohost-restarts"));

    public TenantRegistry(AppStore store, TenantRouter router, TenantInstanceFactory factory, MeterRegistry meters, Clock clock,
            RestartPolicy restartPolicy, io.cohost.governor.GovernorSettings budgets, java.util.function.BooleanSupplier fileHandlesMetered) {
        this.fileHandlesMetered = fileHandlesMetered;
        this.restartPolicy = restartPolicy;
        this.store = store;
        this.router = router;
        this.factory = factory;
        this.meters = meters;
        this.clock = clock;
        this.leakWatch = new LeakWatch(clock);
        this.hostBudgets = new HostBudgets(budgets, leakWatch);
    }

    public LeakWatch leakWatch() {
        return leakWatch;
    }

    /** Stops an instance and hands its class loader to the leak watch. */
    private void stopAndWatch(TenantInstance instance) {
        java.lang.ref.WeakReference<ClassLoader> loader = new java.lang.ref.WeakReference<>(instance.classLoader());
        instance.stop();
        ClassLoader l = loader.get();
        if (l != null) {
            leakWatch.stopped(instance.tenantName(), instance.version(), l, instance.unloadNotes());
        }
    }

    public List<AppInfo> list() {
        return tenants.values().stream()
                .filter(t -> t.lifecycle.state() != TenantState.NEW && !t.removed)
                .map(this::info)
                .sorted(Comparator.comparing(AppInfo::name))
                .toList();
    }

    public Optional<AppInfo> find(String name) {
        Tenant t = tenants.get(name);
        return t == null || t.removed || t.lifecycle.state() == TenantState.NEW ? Optional.empty() : Optional.of(info(t));
    }

    /** The running instance of an app, for the host's own machinery (governor, tests). */
    public Optional<TenantInstance> runningInstance(String name) {
        Tenant t = tenants.get(name);
        return t == null ? Optional.empty() : t.instance();
    }

    /** Installs a verified upload as the app's new version, and starts it unless asked not to. */
    public AppInfo install(String name, SpooledUpload upload, DeployRequest request) {
        return install(name, upload, request, List.of());
    }

    /**
     * Installs a verified upload as the app's new version, and starts it unless asked not to.
     *
     * @param notes what the deployer did to the upload (a migration, ignored descriptor fields), recorded as events
     */
    public AppInfo install(String name, SpooledUpload upload, DeployRequest request, List<String> notes) {
        Tenant t = lock(name, true);
        try {
            String operatorDescriptor = request.descriptor().orElseGet(() -> t.record().map(AppRecord::descriptor).orElse(""));
            AppDescriptor own = WarDescriptor.read(name, upload.file()).withoutOperatorOnlyFields();
            AppDescriptor operator = WarDescriptor.parse(name, "the app's descriptor", operatorDescriptor);
            AppDescriptor descriptor = own.overriddenBy(operator);
            // quotas, weakest first: the WAR's own proposal, the app's current quotas (set live by the
            // operator), the operator's descriptor, the deploy's own quota parameters
            java.util.Map<String, String> quota = new java.util.LinkedHashMap<>(own.quota());
            t.record().ifPresent(r -> quota.putAll(r.quota()));
            quota.putAll(operator.quota());
            quota.putAll(request.quota());
            request = request.withQuota(quota);
            // access: a descriptor sent with this deploy that sets it wins; otherwise what is in force stays
            AccessPolicy access = (request.descriptor().isPresent() ? operator.access() : Optional.<AccessPolicy>empty())
                    .orElseGet(() -> t.record().map(AppRecord::access).orElse(AccessPolicy.defaults()));
            String contextPath = request.contextPath()
                    .or(descriptor::contextPath)
                    .or(() -> t.record().map(AppRecord::contextPath))
                    .orElse("/" + name);
            hostBudgets.requireMetaspaceHeadroom(name);
            claimContextPath(name, contextPath);
            notes.forEach(n -> t.lifecycle.note("deploy-note", n));
            store.storeWar(name, upload.sha256(), upload.file());
            TenantState state = t.lifecycle.state();
            if (state == TenantState.RUNNING && request.start()) {
                redeploy(t, upload.sha256(), contextPath, request, operatorDescriptor, access);
            } else {
                if (state == TenantState.RUNNING) {
                    stopInstance(t, "stopped for a deploy that should not start");
                }
                deployAndStart(t, upload.sha256(), contextPath, request, operatorDescriptor, access);
            }
            return info(t);
        } catch (IOException e) {
            throw new ManagementException(Kind.INTERNAL, "app '" + name + "': cannot store the WAR: " + e.getMessage(),
                    "check free space and permissions of " + store.root(), e);
        } finally {
            if (t.lifecycle.state() == TenantState.NEW) {
                forget(t);
                store.deleteIfUnrecorded(name);
            }
            t.lock.unlock();
        }
    }

    private void deployAndStart(Tenant t, String version, String contextPath, DeployRequest request, String operatorDescriptor,
            AccessPolicy access) throws IOException {
        String previous = t.record().map(AppRecord::version).filter(v -> !v.equals(version)).orElse(
                t.record().map(AppRecord::previousVersion).orElse(""));
        t.record().ifPresent(old -> {
            if (!old.contextPath().equals(contextPath)) {
                router.remove(old.contextPath());
            }
        });
        t.lifecycle.moveTo(TenantState.DEPLOYING, "version " + shortVersion(version));
        AppRecord record = new AppRecord(t.name, contextPath, request.start() ? DesiredState.RUNNING : DesiredState.STOPPED,
                version, previous, clock.instant().toString(), request.source(), mergedQuota(t, request), operatorDescriptor, access);
        store.save(record);
        t.record(record);
        if (request.start()) {
            startInstance(t, "deployed version " + shortVersion(version));
        } else {
            t.lifecycle.moveTo(TenantState.STOPPED, "deployed without starting");
            router.route(contextPath, unavailable(t));
        }
    }

    private void redeploy(Tenant t, String version, String contextPath, DeployRequest request, String operatorDescriptor,
            AccessPolicy access) throws IOException {
        AppRecord old = t.record().orElseThrow();
        TenantInstance oldInstance = t.instance().orElseThrow();
        t.lifecycle.note("redeploy-started", "starting version " + shortVersion(version) + " beside "
                + shortVersion(old.version()));
        TenantInstance next = null;
        try {
            next = newInstance(t, version, contextPath, Quota.parse(mergedQuota(t, request)), operatorDescriptor, access);
            next.start();
        } catch (Throwable e) {
            String cause = describe(e);
            t.lifecycle.note("redeploy-failed", "version " + shortVersion(version) + " failed to start: " + cause
                    + "; version " + shortVersion(old.version()) + " keeps serving");
            store.pruneWars(old);
            throw new ManagementException(Kind.START_FAILED, "app '" + t.name + "': the new version failed to start;"
                    + " the previous version keeps serving", cause, e);
        }
        AppRecord record = new AppRecord(t.name, contextPath, DesiredState.RUNNING, version,
                version.equals(old.version()) ? old.previousVersion() : old.version(), clock.instant().toString(),
                request.source(), mergedQuota(t, request), operatorDescriptor, access);
        store.save(record);
        t.record(record);
        t.instance(next);
        if (!old.contextPath().equals(contextPath)) {
            router.remove(old.contextPath());
        }
        router.route(contextPath, new TenantRouter.Live(next.context()));
        stopAndWatch(oldInstance);
        t.lifecycle.note("redeployed", "now serving version " + shortVersion(version));
    }

    public AppInfo start(String name) {
        Tenant t = lock(name, false);
        try {
            TenantState state = t.lifecycle.state();
            if (state == TenantState.RUNNING) {
                return info(t);
            }
            if (!state.isStartable()) {
                throw conflict(t, "start");
            }
            hostBudgets.requireMetaspaceHeadroom(name);
            saveDesired(t, DesiredState.RUNNING);
            startInstance(t, "started by operator");
            return info(t);
        } finally {
            t.lock.unlock();
        }
    }

    public AppInfo stop(String name) {
        Tenant t = lock(name, false);
        try {
            TenantState state = t.lifecycle.state();
            if (state == TenantState.RUNNING) {
                stopInstance(t, "stopped by operator");
            } else if (state == TenantState.FAILED || state == TenantState.KILLED) {
                t.lifecycle.moveTo(TenantState.STOPPED, "stopped by operator");
            } else if (state != TenantState.STOPPED) {
                throw conflict(t, "stop");
            }
            saveDesired(t, DesiredState.STOPPED);
            return info(t);
        } finally {
            t.lock.unlock();
        }
    }

    public AppInfo restart(String name) {
        Tenant t = lock(name, false);
        try {
            TenantState state = t.lifecycle.state();
            if (state == TenantState.RUNNING) {
                stopInstance(t, "restarting");
            } else if (!state.isStartable()) {
                throw conflict(t, "restart");
            }
            saveDesired(t, DesiredState.RUNNING);
            startInstance(t, "restarted by operator");
            return info(t);
        } finally {
            t.lock.unlock();
        }
    }

    /**
     * Makes the version before the current one current again, through the same paths as a deploy: a
     * running app starts the previous version beside the current one and switches over once it runs
     * (if it fails, the current one keeps serving); an app that is not running just changes version
     * and is started only if it was asked to run. The current version becomes the previous one, so a
     * second rollback undoes the first. The app keeps its context path, quotas and descriptor.
     */
    public AppInfo rollback(String name) {
        Tenant t = lock(name, false);
        try {
            AppRecord current = t.record().orElseThrow(() -> conflict(t, "roll back"));
            String previous = current.previousVersion();
            if (previous.isEmpty() || !Files.isRegularFile(store.warPath(name, previous))) {
                throw new ManagementException(Kind.CONFLICT, "app '" + name + "' has no previous version to roll back to",
                        "the host keeps the version before the current one; an app has one from its second deploy on");
            }
            TenantState state = t.lifecycle.state();
            boolean run = current.desiredState() == DesiredState.RUNNING;
            // the request carries the app's whole quota: a deploy's request quota is the app's quota from then on
            DeployRequest request = new DeployRequest(Optional.of(current.contextPath()), run, current.source(), current.quota());
            if (state != TenantState.RUNNING && !state.isStartable()) {
                throw conflict(t, "roll back");
            }
            if (run) {
                hostBudgets.requireMetaspaceHeadroom(name);
            }
            t.lifecycle.note("rollback", "rolling back from version " + shortVersion(current.version())
                    + " to version " + shortVersion(previous));
            if (state == TenantState.RUNNING && run) {
                redeploy(t, previous, current.contextPath(), request, current.descriptor(), current.access());
            } else {
                if (state == TenantState.RUNNING) {
                    stopInstance(t, "stopped for a rollback that should not start");
                }
                deployAndStart(t, previous, current.contextPath(), request, current.descriptor(), current.access());
            }
            return info(t);
        } catch (IOException e) {
            throw new ManagementException(Kind.INTERNAL, "app '" + name + "': cannot save the rollback: " + e.getMessage(),
                    "check free space and permissions of " + store.root(), e);
        } finally {
            t.lock.unlock();
        }
    }

    public void undeploy(String name) {
        Tenant t = lock(name, false);
        try {
            if (t.lifecycle.state() == TenantState.RUNNING) {
                stopInstance(t, "undeploying");
            } else if (t.lifecycle.state() == TenantState.FAILED || t.lifecycle.state() == TenantState.KILLED) {
                t.lifecycle.moveTo(TenantState.STOPPED, "undeploying");
            }
            t.lifecycle.moveTo(TenantState.UNDEPLOYED, "undeployed by operator");
            t.record().ifPresent(r -> router.remove(r.contextPath()));
            try {
                store.delete(name);
            } catch (IOException e) {
                throw new ManagementException(Kind.INTERNAL, "app '" + name + "': stopped but its files could not be removed: "
                        + e.getMessage(), "remove " + store.appDir(name) + " by hand", e);
            } finally {
                forget(t);
            }
        } finally {
            t.lock.unlock();
        }
    }

    /**
     * Stops a running app on the host's initiative (an exit call, a quota) and marks it KILLED with
     * the reason. Returns false if it was not running.
     */
    public boolean kill(String name, String reason) {
        return killInstance(name, null, reason);
    }

    /** Kills the app if it is running {@code which} (any instance when null). */
    private boolean killInstance(String name, TenantInstance which, String reason) {
        Tenant t = tenants.get(name);
        if (t == null) {
            return false;
        }
        t.lock.lock();
        try {
            if (t.removed || t.lifecycle.state() != TenantState.RUNNING
                    || (which != null && t.instance().orElse(null) != which)) {
                return false;
            }
            LOG.warn("tenant '{}': killed: {}", name, reason);
            TenantInstance instance = t.instance().orElseThrow();
            t.instance(null);
            router.route(instance.contextPath(), new TenantRouter.Unavailable("app '" + name + "' was killed: " + reason));
            stopAndWatch(instance);
            t.lifecycle.moveTo(TenantState.KILLED, reason);
            afterKill(t);
            return true;
        } finally {
            t.lock.unlock();
        }
    }

    /** Quarantines an app killed too often, or schedules its automatic restart if the policy asks for one. */
    private void afterKill(Tenant t) {
        if (!restartPolicy.autoRestart()) {
            return; // without automatic restarts an operator decides, so there is nothing to quarantine
        }
        java.time.Instant now = clock.instant();
        int recent = t.recordKill(now, restartPolicy.window());
        if (recent >= restartPolicy.quarantineAfter()) {
            t.lifecycle.note("quarantined", "killed " + recent + " times within " + restartPolicy.window().toMinutes()
                    + " min; it stays KILLED until an operator starts it");
            return;
        }
        java.time.Duration delay = restartPolicy.backoff(recent);
        t.lifecycle.note("restart-scheduled", "automatic restart in " + delay.toMillis() + " ms (kill " + recent + " of "
                + restartPolicy.quarantineAfter() + " before quarantine)");
        restarts.schedule(() -> {
            if (!t.removed && t.lifecycle.state() == TenantState.KILLED) {
                try {
                    start(t.name);
                } catch (ManagementException e) {
                    LOG.warn("tenant '{}': automatic restart failed: {}", t.name, e.getMessage());
                }
            }
        }, delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Brings back every app the data directory holds, each to its desired state. */
    public void restore() throws IOException {
        for (AppRecord record : store.loadAll()) {
            Tenant t = lock(record.name(), true);
            try {
                if (t.lifecycle.state() != TenantState.NEW) {
                    continue;
                }
                t.record(record);
                contextPaths.put(record.contextPath(), record.name());
                t.lifecycle.moveTo(TenantState.DEPLOYING, "restored version " + shortVersion(record.version()));
                if (record.desiredState() == DesiredState.RUNNING) {
                    startInstance(t, "restored at host start");
                } else {
                    t.lifecycle.moveTo(TenantState.STOPPED, "restored stopped, as it was left");
                    router.route(record.contextPath(), unavailable(t));
                }
            } finally {
                t.lock.unlock();
            }
        }
    }

    /** Stops every app without changing what is persisted, so a restart brings them back. */
    public void stopAll() {
        for (Tenant t : tenants.values()) {
            t.lock.lock();
            try {
                t.instance().ifPresent(this::stopAndWatch);
                t.instance(null);
            } finally {
                t.lock.unlock();
            }
        }
    }

    private void startInstance(Tenant t, String cause) {
        AppRecord record = t.record().orElseThrow();
        t.lifecycle.moveTo(TenantState.STARTING, cause);
        TenantInstance instance;
        try {
            instance = newInstance(t, record.version(), record.contextPath(), Quota.parse(record.quota()), record.descriptor(),
                    record.access());
            instance.start();
        } catch (Throwable e) {
            String failure = describe(e);
            LOG.warn("tenant '{}': failed to start: {}", t.name, failure, e);
            t.lifecycle.moveTo(TenantState.FAILED, failure);
            router.route(record.contextPath(), unavailable(t));
            throw new ManagementException(Kind.START_FAILED, "app '" + t.name + "' failed to start", failure, e);
        }
        t.instance(instance);
        router.route(record.contextPath(), new TenantRouter.Live(instance.context()));
        t.lifecycle.moveTo(TenantState.RUNNING, "serving at " + record.contextPath());
    }

    /**
     * Builds an instance. Its exit calls and the governor's kills stop this instance (and only this one,
     * never a newer version) from a host thread, since the tenant's own threads must unwind first. Its
     * descriptor is the WAR's own {@code WEB-INF/cohost.yaml} overridden by the operator's, with the
     * access policy in force (the descriptor's at deploy, or as changed live since).
     */
    private TenantInstance newInstance(Tenant t, String version, String contextPath, Quota quota, String operatorDescriptor,
            AccessPolicy access) throws java.io.IOException {
        AppDescriptor descriptor = WarDescriptor.read(t.name, store.warPath(t.name, version)).withoutOperatorOnlyFields()
                .overriddenBy(WarDescriptor.parse(t.name, "the app's descriptor", operatorDescriptor)).withAccess(access);
        TenantInstance[] self = new TenantInstance[1];
        InstanceEvents events = new InstanceEvents() {
            @Override
            public void exitCalled(String call, int status) {
                lifecycleThread.execute(() -> killInstance(t.name, self[0], "exit: " + call + "(" + status + ") status=" + status));
            }

            @Override
            public void killRequested(String reason) {
                lifecycleThread.execute(() -> killInstance(t.name, self[0], reason));
            }

            @Override
            public void note(String type, String detail) {
                t.lifecycle.note(type, detail);
            }
        };
        TenantInstance instance = factory.create(t.name, version, contextPath, t.metrics,
                new TenantInstanceFactory.Options(descriptor, quota), events);
        self[0] = instance;
        return instance;
    }

    /**
     * Every version a leaking app leaves behind stays in metaspace; past the configured budget no new
     * instance is started, with the leak report as the place to look.
     */
    /** The app's quotas after this deploy: its current ones, overridden key by key by the request's. */
    private java.util.Map<String, String> mergedQuota(Tenant t, DeployRequest request) {
        java.util.Map<String, String> merged = new java.util.LinkedHashMap<>(request.quota());
        merged.values().removeIf(String::isBlank);
        Quota quota = HostBudgets.validQuota(t.name, merged);
        hostBudgets.requireWithinBudget(t.name, quota, otherQuotas(t.name));
        return quota.toMap();
    }

    /**
     * Replaces the app's access policy (as its descriptor's {@code access} would at a deploy); persisted,
     * and applied to the running instance at once: a path or destination taken away is refused from its
     * next open (what is already open stays open).
     */
    public AppInfo setAccess(String name, AccessPolicy access) {
        Tenant t = lock(name, false);
        try {
            AppRecord changed = t.record().orElseThrow().withAccess(access);
            try {
                store.save(changed);
            } catch (IOException e) {
                throw new ManagementException(Kind.INTERNAL, "app '" + name + "': cannot save its access policy: " + e.getMessage(),
                        "check free space and permissions of " + store.root(), e);
            }
            t.record(changed);
            t.instance().ifPresent(i -> i.applyAccess(access));
            t.lifecycle.note("access", "access policy set: paths " + access.paths() + ", network " + access.network()
                    + ", processes " + (access.processes() ? "allowed" : "refused"));
            return info(t);
        } finally {
            t.lock.unlock();
        }
    }

    /**
     * Changes an app's quotas ({@code cpu -> 250m}; an empty value returns one to the host default);
     * persisted, and applied to the running instance within one governor period, without a restart.
     */
    public AppInfo setQuota(String name, java.util.Map<String, String> changes) {
        Tenant t = lock(name, false);
        try {
            AppRecord record = t.record().orElseThrow();
            Quota updated = HostBudgets.validQuota(name, record.quota(), changes);
            hostBudgets.requireWithinBudget(name, updated, otherQuotas(name));
            AppRecord changed = record.withQuota(updated.toMap());
            try {
                store.save(changed);
            } catch (IOException e) {
                throw new ManagementException(Kind.INTERNAL, "app '" + name + "': cannot save its quota: " + e.getMessage(),
                        "check free space and permissions of " + store.root(), e);
            }
            t.record(changed);
            t.instance().ifPresent(i -> i.governedUpdate(updated));
            t.lifecycle.note("quota", "quota set to " + (updated.toMap().isEmpty() ? "host defaults" : updated.toMap()));
            return info(t);
        } finally {
            t.lock.unlock();
        }
    }

    private void stopInstance(Tenant t, String cause) {
        t.lifecycle.moveTo(TenantState.STOPPING, cause);
        TenantInstance instance = t.instance().orElseThrow();
        t.instance(null);
        router.route(instance.contextPath(), new TenantRouter.Unavailable("app '" + t.name + "' is stopping"));
        stopAndWatch(instance);
        t.lifecycle.moveTo(TenantState.STOPPED, cause);
        router.route(instance.contextPath(), unavailable(t));
    }

    private void saveDesired(Tenant t, DesiredState desired) {
        AppRecord record = t.record().orElseThrow();
        if (record.desiredState() == desired) {
            return;
        }
        AppRecord updated = record.withDesiredState(desired);
        try {
            store.save(updated);
        } catch (IOException e) {
            throw new ManagementException(Kind.INTERNAL, "app '" + t.name + "': cannot save its state: " + e.getMessage(),
                    "check free space and permissions of " + store.root(), e);
        }
        t.record(updated);
    }

    private TenantRouter.Unavailable unavailable(Tenant t) {
        String detail = t.lifecycle.detail();
        return new TenantRouter.Unavailable("app '" + t.name + "' is " + t.lifecycle.state()
                + (detail.isEmpty() ? "" : ": " + detail));
    }

    /** Claims {@code contextPath} for {@code name}, releasing the path it held before. */
    private void claimContextPath(String name, String contextPath) {
        if (!contextPath.matches("/[A-Za-z0-9._~-]+|/")) {
            throw new ManagementException(Kind.INVALID, "app '" + name + "': invalid context path '" + contextPath + "'",
                    "use '/' or a single segment such as '/" + name + "'");
        }
        String holder = contextPaths.putIfAbsent(contextPath, name);
        if (holder != null && !holder.equals(name)) {
            throw new ManagementException(Kind.CONFLICT, "app '" + name + "': context path " + contextPath
                    + " is already served by app '" + holder + "'", "choose another context path");
        }
        contextPaths.entrySet().removeIf(e -> e.getValue().equals(name) && !e.getKey().equals(contextPath));
    }

    private Tenant lock(String name, boolean create) {
        while (true) {
            Tenant t = create
                    ? tenants.computeIfAbsent(name, n -> new Tenant(n, clock, new TenantRequestMetrics(n, meters)))
                    : tenants.get(name);
            if (t == null || (!create && t.lifecycle.state() == TenantState.NEW)) {
                throw notFound(name);
            }
            t.lock.lock();
            if (!t.removed) {
                return t;
            }
            t.lock.unlock();
            if (!create) {
                throw notFound(name);
            }
        }
    }

    private void forget(Tenant t) {
        t.removed = true;
        contextPaths.values().removeIf(t.name::equals);
        tenants.remove(t.name, t);
        t.metrics.close();
    }

    private AppInfo info(Tenant t) {
        return AppInfos.of(t, fileHandlesMetered.getAsBoolean());
    }

    /** The persisted quotas of every app but this one, for the host's budgets. */
    private List<Quota> otherQuotas(String app) {
        return tenants.values().stream()
                .filter(other -> !other.name.equals(app) && !other.removed && other.record().isPresent())
                .map(other -> Quota.parse(other.record().get().quota()))
                .toList();
    }

    private static ManagementException notFound(String name) {
        return new ManagementException(Kind.NOT_FOUND, "no app named '" + name + "'", "list the apps with GET /api/apps");
    }

    private static ManagementException conflict(Tenant t, String operation) {
        return new ManagementException(Kind.CONFLICT, "app '" + t.name + "' is " + t.lifecycle.state()
                + " and cannot " + operation + " now", "wait for the current operation to finish and try again");
    }

    /** The app's own failure, unwrapped to the exception its code threw. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root
                && (root instanceof java.util.concurrent.ExecutionException || root instanceof jakarta.servlet.UnavailableException
                    || root.getClass().getName().startsWith("org.eclipse.jetty") || root instanceof java.lang.reflect.InvocationTargetException)) {
            root = root.getCause();
        }
        return root.getClass().getName() + ": " + root.getMessage();
    }

    static String shortVersion(String version) {
        return version.length() > 12 ? version.substring(0, 12) : version;
    }
}
