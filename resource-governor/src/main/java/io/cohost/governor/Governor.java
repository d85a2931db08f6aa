package io.cohost.governor;

import io.cohost.governor.cpu.CpuPriority;
import io.cohost.governor.cpu.ThreadCpuClock;
import io.cohost.governor.files.HandleKind;
import io.cohost.governor.files.HostDescriptorGuard;
import io.cohost.governor.quota.Quota;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The resource governor: one thread that meters every tenant each {@code samplePeriod} and enforces
 * their quotas (see {@link GovernedTenant}), checks for deadlocks once a second, and publishes per-app
 * meters tagged {@code app}:
 * <pre>
 * cohost.tenant.cpu            seconds of CPU used (counter; all versions of the app)
 * cohost.tenant.cpu.usage      millicores over the last sample (gauge)
 * cohost.tenant.threads        live threads the app started itself (gauge)
 * cohost.tenant.throttled      1 while throttled (gauge)
 * cohost.tenant.heap           bytes retained at the last measurement (gauge)
 * cohost.tenant.allocated      bytes allocated (counter)
 * cohost.tenant.files          open file handles, tagged kind=file|directory|socket|server-socket|datagram|selector|pipe
 *                              (gauge; only when file handles are metered, see {@link #meterFileHandles})
 * </pre>
 */
public final class Governor implements AutoCloseable {
    private final GovernorSettings settings;
    private final MeterRegistry meters;
    private final ThreadCpuClock clock = new ThreadCpuClock();
    private final List<GovernedTenant> tenants = new CopyOnWriteArrayList<>();
    private final Map<String, AppMeters> appMeters = new ConcurrentHashMap<>();
    private final Set<Set<Long>> reportedDeadlocks = new HashSet<>();
    private final HostDescriptorGuard descriptorGuard;
    private volatile boolean fileHandlesMetered;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Governor.class);
    private ScheduledExecutorService sampler;
    private CpuPriority priority = CpuPriority.off();
    private java.util.concurrent.ExecutorService heapWalks;
    private final io.cohost.governor.heap.RetainedHeapWalker walker =
            new io.cohost.governor.heap.RetainedHeapWalker(io.cohost.governor.heap.ObjectSizeModel.ofThisVm());
    private final java.util.concurrent.atomic.AtomicBoolean lowMemoryResponse = new java.util.concurrent.atomic.AtomicBoolean();
    private io.cohost.governor.heap.HeapBreaker breaker;
    /** Heap held back for the governor itself, released when the host runs low so the breaker can still work. */
    private volatile byte[] reserve;
    private long lastDeadlockCheck;

    public Governor(GovernorSettings settings, MeterRegistry meters) {
        this(settings, meters, HostDescriptorGuard.ProcessDescriptors.ofThisProcess());
    }

    public Governor(GovernorSettings settings, MeterRegistry meters, HostDescriptorGuard.ProcessDescriptors process) {
        this.settings = settings;
        this.meters = meters;
        this.descriptorGuard = new HostDescriptorGuard(process, settings.descriptorReserve());
    }

    /**
     * Says that the host charges every file handle a tenant opens to its {@link GovernedTenant#files()}
     * (it needs the descriptor agent); until then the {@code files} meters are absent rather than 0.
     */
    public void meterFileHandles() {
        fileHandlesMetered = true;
    }

    public boolean fileHandlesMetered() {
        return fileHandlesMetered;
    }

    /** The host's reserve of descriptors, shared by every tenant's file handles. */
    public HostDescriptorGuard descriptorGuard() {
        return descriptorGuard;
    }

    public GovernorSettings settings() {
        return settings;
    }

    /** Starts metering on a thread from {@code threads} (the host's, so it never joins a tenant's group). */
    public void start(ThreadFactory threads) {
        priority = CpuPriority.probe();
        LOG.info("CPU priority demotion {}", priority.describe());
        sampler = Executors.newSingleThreadScheduledExecutor(threads);
        heapWalks = Executors.newSingleThreadExecutor(threads);
        reserve = new byte[RESERVE_BYTES];
        breaker = new io.cohost.governor.heap.HeapBreaker(0.85, 0.70, this::lowMemory);
        long period = settings.samplePeriod().toNanos();
        sampler.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
        long fast = Math.max(1_000_000L, period / FAST_SAMPLES_PER_PERIOD);
        sampler.scheduleAtFixedRate(this::fastTick, fast, fast, TimeUnit.NANOSECONDS);
    }

    /**
     * Tenants pressing on their CPU limit are metered this many times per sample period. Throttling
     * can only react to what a sample sees, so a throttled tenant runs unchecked for up to one sample
     * interval each time it is released; all that time a neighbour on the same core competes with every
     * one of its threads. Shorter intervals for those few tenants keep their bursts short.
     */
    static final int FAST_SAMPLES_PER_PERIOD = 4;

    /** Same thread as {@link #tick}, so the two never run at once. */
    void fastTick() {
        long now = System.nanoTime();
        for (GovernedTenant t : tenants) {
            try {
                if (t.pressingCpuLimit(now)) {
                    t.sampleCpu(now);
                }
            } catch (RuntimeException e) {
                GovernedTenant.logFailure(t.tenant(), e);
            }
        }
    }

    static final int RESERVE_BYTES = 8 << 20;

    /**
     * The low-memory response: admission to every tenant pauses, each tenant is measured (paused while
     * measured), the worst offender is stopped (one kill at a time, and never a tenant under half its own
     * limit), admission resumes, at the latest after {@link GovernorSettings#admissionPauseLimit}. Runs
     * on the heap thread; the reserve is released first so it can run.
     */
    void lowMemory() {
        if (heapWalks == null || !lowMemoryResponse.compareAndSet(false, true)) {
            return;
        }
        reserve = null;
        heapWalks.execute(() -> {
            java.util.concurrent.ScheduledFuture<?> letIn = null;
            try {
                tenants.forEach(t -> t.pauseAdmission(true));
                letIn = sampler.schedule(this::endAdmissionPause, settings.admissionPauseLimit().toNanos(), TimeUnit.NANOSECONDS);
                GovernedTenant worst = null;
                double worstScore = 0;
                for (GovernedTenant t : tenants) {
                    var r = t.walkNow(walker, true);
                    long limit = t.quota().get(io.cohost.governor.quota.Resource.MEMORY).valueOrMax();
                    double score = limit == Long.MAX_VALUE ? r.bytes() / (double) Runtime.getRuntime().maxMemory() : r.bytes() / (double) limit;
                    boolean eligible = limit == Long.MAX_VALUE ? r.bytes() > Runtime.getRuntime().maxMemory() / 8 : r.bytes() >= limit / 2;
                    if (eligible && score > worstScore) {
                        worst = t;
                        worstScore = score;
                    }
                }
                if (worst != null) {
                    worst.event("low-memory", "the host is low on heap; this app retains the most ("
                            + GovernedTenant.mib(worst.retainedBytes()) + ")");
                    worst.killForMemory("memory: the host ran low on heap (old generation above its threshold) and this app retained the most: retained="
                            + GovernedTenant.mib(worst.retainedBytes()));
                }
            } catch (RuntimeException | OutOfMemoryError e) {
                GovernedTenant.logFailure("*", e);
            } finally {
                if (letIn != null) {
                    letIn.cancel(false);
                }
                tenants.forEach(t -> t.pauseAdmission(false));
                try {
                    reserve = new byte[RESERVE_BYTES];
                } catch (OutOfMemoryError e) {
                    reserve = null;
                }
                lowMemoryResponse.set(false);
            }
        });
    }

    /**
     * The low-memory response has held new requests for its time limit: they are let in while its
     * measurements go on, so a slow walk of one large app cannot stall every app.
     */
    private void endAdmissionPause() {
        LOG.warn("the host is low on heap and its response has held new requests for {} ms; letting them in while it goes on",
                settings.admissionPauseLimit().toMillis());
        tenants.forEach(t -> {
            // The event is recorded before the requests go in, so it is on record when they are served.
            int held = t.admission().waiting();
            if (held > 0) {
                t.event("low-memory", held + " new request(s) were held for " + settings.admissionPauseLimit().toMillis()
                        + " ms while the host measured its apps' heap; they are let in while it goes on");
            }
            t.pauseAdmission(false);
        });
    }

    /** Measures one tenant's retained heap now and waits for the answer (operators, tests). */
    public GovernedTenant.RetainedHeapWalkerResult measureHeap(GovernedTenant t) {
        try {
            return heapWalks.submit(() -> t.walkNow(walker, false)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Starts governing a tenant instance with its app's quota (host defaults fill what it leaves unset). */
    public GovernedTenant register(String tenant, ThreadGroup group, Quota quota, TenantControls controls) {
        GovernedTenant t = new GovernedTenant(tenant, group, quota.orDefaults(settings.defaultQuota()), controls, clock,
                settings.cpuPeriod().toNanos(), settings.escalation(), descriptorGuard);
        t.usePriority(priority);
        tenants.add(t);
        appMeters.computeIfAbsent(tenant, AppMeters::new).current = t;
        return t;
    }

    public void unregister(GovernedTenant t) {
        tenants.remove(t);
        AppMeters m = appMeters.get(t.tenant());
        if (m != null) {
            m.retiredCpuSeconds += t.cpuSeconds();
            if (m.current == t) {
                m.current = null;
            }
        }
    }

    /** The app is gone for good: its meters are removed. */
    public void forget(String tenant) {
        AppMeters m = appMeters.remove(tenant);
        if (m != null) {
            m.close();
        }
    }

    /** Applies a new quota to a running instance; effective within one sample period. */
    public void updateQuota(GovernedTenant t, Quota quota) {
        t.setQuota(quota.orDefaults(settings.defaultQuota()));
    }

    void tick() {
        long now = System.nanoTime();
        descriptorGuard.sample(now);
        for (GovernedTenant t : tenants) {
            try {
                t.sample(now);
                if (t.takeWalkRequest()) {
                    heapWalks.execute(() -> {
                        try {
                            t.walk(walker);
                        } catch (RuntimeException e) {
                            GovernedTenant.logFailure(t.tenant(), e);
                        }
                    });
                }
            } catch (RuntimeException e) {
                GovernedTenant.logFailure(t.tenant(), e);
            }
        }
        if (now - lastDeadlockCheck > 1_000_000_000L) {
            lastDeadlockCheck = now;
            checkDeadlocks();
        }
    }

    /** Deadlocks among a tenant's threads are reported once, naming the threads and the locks. */
    private void checkDeadlocks() {
        long[] ids = clock.deadlockedThreads();
        if (ids.length == 0) {
            reportedDeadlocks.clear();
            return;
        }
        ThreadInfo[] infos = clock.info(ids);
        for (GovernedTenant t : tenants) {
            Set<Long> mine = new HashSet<>();
            List<String> described = new ArrayList<>();
            for (ThreadInfo info : infos) {
                if (info != null && belongs(info.getThreadId(), t)) {
                    mine.add(info.getThreadId());
                    described.add("'" + info.getThreadName() + "' waits for " + info.getLockName() + " held by '" + info.getLockOwnerName() + "'");
                }
            }
            if (!mine.isEmpty() && reportedDeadlocks.add(mine)) {
                t.event("deadlock", "deadlocked threads: " + String.join("; ", described) + "; restart the app to clear it");
            }
        }
    }

    @SuppressWarnings("deprecation")
    private static boolean belongs(long threadId, GovernedTenant t) {
        for (Thread th : t.threads()) {
            if (th.getId() == threadId) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.shutdownNow();
            heapWalks.shutdownNow();
            breaker.close();
        }
        appMeters.values().forEach(AppMeters::close);
        appMeters.clear();
    }

    /** The meters of one app; they outlive its instances (restarts, redeploys) and read the current one. */
    private final class AppMeters implements AutoCloseable {
        private final List<Meter> registered = new ArrayList<>();
        volatile GovernedTenant current;
        volatile double retiredCpuSeconds;

        AppMeters(String app) {
            registered.add(FunctionCounter.builder("cohost.tenant.cpu", this,
                            m -> m.retiredCpuSeconds + (m.current == null ? 0 : m.current.cpuSeconds()))
                    .tag("app", app).baseUnit("seconds").description("CPU time used by the app").register(meters));
            registered.add(Gauge.builder("cohost.tenant.cpu.usage", this,
                            m -> m.current == null ? Double.NaN : m.current.millicores())
                    .tag("app", app).baseUnit("millicores").description("CPU use over the last sample").register(meters));
            registered.add(Gauge.builder("cohost.tenant.threads", this,
                            m -> m.current == null ? Double.NaN : m.current.liveThreads())
                    .tag("app", app).baseUnit("threads").description("Live threads the app started itself").register(meters));
            registered.add(Gauge.builder("cohost.tenant.heap", this,
                            m -> m.current == null || m.current.retainedBytes() < 0 ? Double.NaN : m.current.retainedBytes())
                    .tag("app", app).baseUnit("bytes").description("Heap the app retains, at the last measurement").register(meters));
            registered.add(FunctionCounter.builder("cohost.tenant.allocated", this,
                            m -> m.current == null ? 0 : m.current.allocatedBytes())
                    .tag("app", app).baseUnit("bytes").description("Bytes allocated by the app's threads").register(meters));
            registered.add(Gauge.builder("cohost.tenant.throttled", this,
                            m -> m.current != null && m.current.isThrottled() ? 1 : 0)
                    .tag("app", app).description("1 while the app is CPU-throttled").register(meters));
            for (HandleKind kind : HandleKind.values()) {
                registered.add(Gauge.builder("cohost.tenant.files", this,
                                m -> m.current == null || !fileHandlesMetered ? Double.NaN : m.current.files().open(kind))
                        .tag("app", app).tag("kind", kind.tag()).baseUnit("handles")
                        .description("File handles the app holds open: files, sockets, selectors, pipes...").register(meters));
            }
        }

        @Override
        public void close() {
            registered.forEach(meters::remove);
        }
    }
}
