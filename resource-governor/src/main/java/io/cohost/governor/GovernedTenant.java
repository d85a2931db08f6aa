package io.cohost.governor;

import io.cohost.governor.cpu.CpuBudget;
import io.cohost.governor.cpu.CpuPriority;
import io.cohost.governor.cpu.TenantCpuMeter;
import io.cohost.governor.cpu.ThreadCpuClock;
import io.cohost.governor.files.FileHandles;
import io.cohost.governor.files.HostDescriptorGuard;
import io.cohost.governor.quota.Limit;
import io.cohost.governor.quota.Quota;
import io.cohost.governor.quota.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The governor's view of one running tenant instance: its meters, its quota and what is currently
 * being done to it (throttled, requests to abort, stopping). The governor thread calls {@link #sample};
 * tenant threads call {@link #atCheckpoint} when the guard is raised, and the dispatch calls the
 * request hooks.
 *
 * <pre>
 *  sample():  CPU of the thread group ─► budget ─► throttle on/off ─► guard
 *             per-request CPU ─► abort the request at its next checkpoint
 *             live threads ─► over quota: event
 *             file handles at quota ─► event (and stop, if the ladder says so)
 *  atCheckpoint(): stopping? throw · this request aborted? throw · throttled? park until allowed
 * </pre>
 */
public final class GovernedTenant {
    private static final Logger LOG = LoggerFactory.getLogger(GovernedTenant.class);
    private static final long PARK_NANOS = 2_000_000;

    private final String tenant;
    private final ThreadGroup group;
    private final TenantControls controls;
    private final ThreadCpuClock clock;
    private final TenantCpuMeter cpu;
    private final CpuBudget budget;
    private final Escalation escalation;
    private final Map<Thread, Long> requestStartCpu = new ConcurrentHashMap<>();
    private final Map<Thread, String> aborts = new ConcurrentHashMap<>();
    private final AdmissionGate admission;
    private final io.cohost.governor.cpu.TenantAllocationMeter allocation = new io.cohost.governor.cpu.TenantAllocationMeter();
    private volatile HeapRoots heapRoots = HeapRoots.NONE;
    private volatile long retainedBytes = -1;
    private volatile long retainedMeasuredAtMillis;
    private volatile boolean retainedComplete;
    private volatile double allocationBytesPerSecond = Double.NaN;
    private volatile boolean pausedForWalk;
    private volatile boolean walking;
    private volatile boolean walkWanted;
    private volatile boolean walkPauses;
    private long allocatedAtWalk;
    private long lastAllocated;
    private long lastWalkNanos = -1;
    private final FileHandles files;
    private volatile Quota quota;
    private volatile boolean throttled;
    private volatile boolean rejecting;
    private volatile String terminating;
    private volatile double millicores = Double.NaN;
    private volatile int liveThreads;
    private volatile long throttledTimes;
    private long lastSampleNanos = -1;
    private long lastOverNanos = -1;
    private CpuPriority priority = CpuPriority.off();
    private boolean demoted;
    private long lastAllocationSampleNanos = -1;
    private long lastCpuNanos;
    private long violationSinceNanos = -1;
    private boolean threadsOverReported;
    private long filesAtQuotaSinceNanos = -1;
    private long filesRefusalsSeen;

    public GovernedTenant(String tenant, ThreadGroup group, Quota quota, TenantControls controls, ThreadCpuClock clock,
            long periodNanos, Escalation escalation) {
        this(tenant, group, quota, controls, clock, periodNanos, escalation,
                new HostDescriptorGuard(HostDescriptorGuard.ProcessDescriptors.ofThisProcess(), 0));
    }

    public GovernedTenant(String tenant, ThreadGroup group, Quota quota, TenantControls controls, ThreadCpuClock clock,
            long periodNanos, Escalation escalation, HostDescriptorGuard descriptors) {
        this.tenant = tenant;
        this.group = group;
        this.controls = controls;
        this.clock = clock;
        this.cpu = new TenantCpuMeter(clock);
        this.budget = new CpuBudget(periodNanos);
        this.escalation = escalation;
        this.admission = new AdmissionGate(tenant);
        this.files = new FileHandles(tenant, descriptors, Long.MAX_VALUE);
        setQuota(quota);
    }

    public String tenant() {
        return tenant;
    }

    public Quota quota() {
        return quota;
    }

    /** Takes effect at the next sample (within one sampling period). */
    public void setQuota(Quota effective) {
        this.quota = effective;
        budget.setMillicores(effective.get(Resource.CPU).valueOrMax());
        admission.setLimit(effective.get(Resource.CONCURRENCY).valueOrMax());
        files.setLimit(effective.get(Resource.FILES).valueOrMax());
    }

    /** The file handles this instance holds; the host charges and releases them. */
    public FileHandles files() {
        return files;
    }

    // ---- what tenant threads and the dispatch call ----

    /** The slow path of a checkpoint, on a tenant thread. */
    public void atCheckpoint() {
        Thread me = Thread.currentThread();
        while (true) {
            String stop = terminating;
            if (stop != null) {
                throw new StopSignal(stop, false);
            }
            String abort = aborts.remove(me);
            if (abort != null) {
                updateGuard();
                throw new StopSignal(abort, true);
            }
            if (!throttled && !pausedForWalk) {
                return;
            }
            LockSupport.parkNanos(this, PARK_NANOS);
        }
    }

    /** A request starts running tenant code on the current thread. */
    public void requestStarted() {
        requestStartCpu.put(Thread.currentThread(), clock.currentThreadCpuNanos());
    }

    /** The synchronous part of the request is over on the current thread. */
    public void requestEnded() {
        Thread me = Thread.currentThread();
        requestStartCpu.remove(me);
        if (aborts.remove(me) != null) {
            updateGuard();
        }
    }

    public AdmissionGate admission() {
        return admission;
    }

    /** True while the ladder has reached "reject": new requests get 503. */
    public boolean isRejecting() {
        return rejecting;
    }

    /** Every tenant thread unwinds at its next checkpoint; throttled ones wake up to do so. */
    public void terminate(String reason) {
        terminating = reason;
        controls.setGuard(true);
    }

    // ---- what the governor thread calls ----

    /** One metering and enforcement step; the governor thread calls it every sample period. */
    public void sample(long nowNanos) {
        List<Thread> threads = threads();
        meterCpu(threads, nowNanos);
        sampleAllocation(threads, nowNanos);
        checkRequestCpu(threads);
        checkThreads(threads);
        checkFiles(nowNanos);
        controls.afterSample(nowNanos);
    }

    /**
     * CPU metering and throttling only. The governor calls it between full samples for a tenant that is
     * pressing on its CPU limit ({@link #pressingCpuLimit}), so that such a tenant runs in short slices
     * and a neighbour sharing its core waits for a few milliseconds, not for a whole sample period.
     */
    void sampleCpu(long nowNanos) {
        meterCpu(threads(), nowNanos);
    }

    /** CPU-limited and throttled within the last second: worth metering more often than the others. */
    boolean pressingCpuLimit(long nowNanos) {
        return budget.isLimited() && (throttled || (lastOverNanos >= 0 && nowNanos - lastOverNanos < PRESSING_NANOS));
    }

    private static final long PRESSING_NANOS = 1_000_000_000L;

    /** How this tenant's threads are demoted while it presses on its CPU limit (the governor's choice). */
    void usePriority(CpuPriority priority) {
        this.priority = priority;
    }

    private void meterCpu(List<Thread> threads, long nowNanos) {
        long total = cpu.sample(threads);
        long used = total - lastCpuNanos;
        if (lastSampleNanos >= 0 && nowNanos > lastSampleNanos) {
            // smoothed over about a second: one sample is too short to mean anything to an operator
            double instant = used * 1000.0 / (nowNanos - lastSampleNanos);
            double weight = Math.min(1.0, (nowNanos - lastSampleNanos) / 1e9);
            millicores = Double.isNaN(millicores) ? instant : millicores + weight * (instant - millicores);
        }
        lastCpuNanos = total;
        lastSampleNanos = nowNanos;

        boolean allowed = budget.charge(used, nowNanos);
        if (!allowed) {
            lastOverNanos = nowNanos;
        }
        escalateCpu(allowed, nowNanos);
        boolean pressing = pressingCpuLimit(nowNanos) && terminating == null;
        if (pressing != demoted) {
            demoted = pressing;
            if (pressing) {
                priority.demote(group, threads);
            } else {
                priority.restore(group, threads);
            }
        }
    }

    /** Opens refused at the quota are an episode: noted once, and ended by a stop after a while if the ladder says so. */
    private void checkFiles(long nowNanos) {
        long refusals = files.refusals();
        boolean refusing = refusals > filesRefusalsSeen || (filesAtQuotaSinceNanos >= 0 && files.open() >= files.limit());
        filesRefusalsSeen = refusals;
        if (!refusing) {
            filesAtQuotaSinceNanos = -1;
            return;
        }
        List<Escalation.Step> ladder = escalation.ladder(Resource.FILES);
        if (filesAtQuotaSinceNanos < 0) {
            filesAtQuotaSinceNanos = nowNanos;
            if (ladder.contains(Escalation.Step.NOTIFY)) {
                controls.event("files-quota", "file handle quota reached (" + files.open() + " of " + files.limit()
                        + " open); further opens are refused");
            }
        }
        if (ladder.contains(Escalation.Step.STOP) && terminating == null
                && nowNanos - filesAtQuotaSinceNanos >= escalation.stepAfter().toNanos()) {
            controls.kill("files: at its quota of " + files.limit() + " open file handles for "
                    + (nowNanos - filesAtQuotaSinceNanos) / 1_000_000 + " ms");
        }
    }

    private void escalateCpu(boolean allowed, long nowNanos) {
        List<Escalation.Step> ladder = escalation.ladder(Resource.CPU);
        if (allowed) {
            if (throttled || rejecting) {
                throttled = false;
                rejecting = false;
                updateGuard();
            }
            violationSinceNanos = -1;
            return;
        }
        if (violationSinceNanos < 0) {
            violationSinceNanos = nowNanos;
            if (ladder.contains(Escalation.Step.NOTIFY) && throttledTimes == 0) {
                controls.event("cpu-quota", "using more CPU than its quota of " + quota.get(Resource.CPU).valueOrMax() + "m");
            }
        }
        long steps = 1 + (nowNanos - violationSinceNanos) / Math.max(1, escalation.stepAfter().toNanos());
        List<Escalation.Step> enforcing = ladder.stream().filter(s -> s != Escalation.Step.NOTIFY).limit(steps).toList();
        if (enforcing.contains(Escalation.Step.THROTTLE) && !throttled) {
            throttled = true;
            throttledTimes++;
            updateGuard();
        }
        if (enforcing.contains(Escalation.Step.REJECT) && !rejecting) {
            rejecting = true;
            controls.event("cpu-reject", "over its CPU quota for " + escalation.stepAfter().toSeconds() + "s; new requests get 503");
        }
        if (enforcing.contains(Escalation.Step.STOP) && terminating == null) {
            controls.kill("cpu: over quota " + quota.get(Resource.CPU).valueOrMax() + "m for "
                    + (nowNanos - violationSinceNanos) / 1_000_000 + " ms, using " + Math.round(millicores) + "m");
        }
    }

    /** How often a tenant's retained heap is measured when nothing else asks for it. */
    static final long PERIODIC_WALK_NANOS = 10_000_000_000L;

    /**
     * GraalVM's trigger: when the last retained size plus what was allocated since reaches the memory
     * quota, the tenant might be over it, so it is measured now (paused, so it cannot outrun the walk);
     * otherwise it is measured now and then for the {@code heap} meter.
     */
    private void sampleAllocation(List<Thread> threads, long nowNanos) {
        long allocated = allocation.sample(threads);
        if (lastAllocationSampleNanos >= 0 && nowNanos > lastAllocationSampleNanos) {
            double rate = (allocated - lastAllocated) * 1e9 / (nowNanos - lastAllocationSampleNanos);
            allocationBytesPerSecond = Double.isNaN(allocationBytesPerSecond) ? rate : allocationBytesPerSecond + 0.2 * (rate - allocationBytesPerSecond);
        }
        lastAllocated = allocated;
        lastAllocationSampleNanos = nowNanos;
        if (walking || walkWanted) {
            return;
        }
        long limit = quota.get(Resource.MEMORY).valueOrMax();
        long estimate = Math.max(0, retainedBytes) + (allocated - allocatedAtWalk);
        if (limit != Long.MAX_VALUE && estimate >= limit) {
            // paused now, not when its walk starts: the walk may wait behind another tenant's, and a
            // tenant allocating at full speed would outrun it
            walkPauses = true;
            pausedForWalk = true;
            updateGuard();
            walkWanted = true;
        } else if (lastWalkNanos < 0 || nowNanos - lastWalkNanos > PERIODIC_WALK_NANOS) {
            walkWanted = true;
            walkPauses = false;
        }
    }

    boolean takeWalkRequest() {
        if (walkWanted && !walking) {
            walking = true;
            walkWanted = false;
            return true;
        }
        return false;
    }

    /** Asks for a measurement at the next opportunity (the low-memory breaker, an operator). */
    void requestWalk(boolean pause) {
        walkPauses |= pause;
        walkWanted = true;
    }

    /** Measures now, on the calling (governor heap) thread, pausing the tenant if asked. */
    RetainedHeapWalkerResult walkNow(io.cohost.governor.heap.RetainedHeapWalker walker, boolean pause) {
        walking = true;
        walkPauses |= pause;
        return walk(walker);
    }

    /** While the host responds to low heap, new requests to every tenant are held until it is done. */
    void pauseAdmission(boolean paused) {
        if (paused) {
            admission.pause();
        } else {
            admission.resume();
        }
    }

    /** Measures the retained heap; runs on the governor's heap thread, one walk at a time. */
    RetainedHeapWalkerResult walk(io.cohost.governor.heap.RetainedHeapWalker walker) {
        boolean pause = walkPauses;
        long limit = quota.get(Resource.MEMORY).valueOrMax();
        try {
            if (pause) {
                pausedForWalk = true;
                updateGuard();
            }
            long allocatedBefore = allocation.totalBytes();
            var result = walker.walk(heapRoots::forEachRoot, heapRoots::owns, limit == Long.MAX_VALUE ? Long.MAX_VALUE : limit + 1);
            allocatedAtWalk = allocatedBefore;
            retainedBytes = result.bytes();
            retainedComplete = result.complete();
            retainedMeasuredAtMillis = System.currentTimeMillis();
            lastWalkNanos = System.nanoTime();
            if (limit != Long.MAX_VALUE && result.bytes() > limit) {
                memoryViolation(result.bytes(), limit);
            }
            return new RetainedHeapWalkerResult(result.bytes(), result.objects(), result.complete(), result.nanos());
        } finally {
            pausedForWalk = false;
            walkPauses = false;
            walking = false;
            updateGuard();
        }
    }

    /** A walk's outcome, as reported to the breaker and to tests. */
    public record RetainedHeapWalkerResult(long bytes, long objects, boolean complete, long nanos) {}

    void killForMemory(String reason) {
        if (terminating == null) {
            controls.kill(reason);
        }
    }

    private void memoryViolation(long retained, long limit) {
        List<Escalation.Step> ladder = escalation.ladder(Resource.MEMORY);
        String figures = "retained=" + mib(retained) + (retainedComplete ? "" : "+") + " quota=" + mib(limit);
        if (ladder.contains(Escalation.Step.STOP) && terminating == null) {
            controls.kill("memory: " + figures);
        } else if (ladder.contains(Escalation.Step.REJECT)) {
            rejecting = true;
            controls.event("memory-reject", "over its memory quota (" + figures + "); new requests get 503");
        } else {
            controls.event("memory-quota", "over its memory quota (" + figures + ")");
        }
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1fMiB", bytes / 1048576.0);
    }

    public void setHeapRoots(HeapRoots roots) {
        this.heapRoots = roots;
    }

    /** Retained heap in bytes at the last measurement; -1 before the first. */
    public long retainedBytes() {
        return retainedBytes;
    }

    public long retainedMeasuredAtMillis() {
        return retainedMeasuredAtMillis;
    }

    public long allocatedBytes() {
        return allocation.totalBytes();
    }

    public double allocationBytesPerSecond() {
        return allocationBytesPerSecond;
    }

    @SuppressWarnings("deprecation")
    private void checkRequestCpu(List<Thread> threads) {
        long limit = quota.get(Resource.REQUEST_CPU).valueOrMax();
        if (limit == Long.MAX_VALUE || requestStartCpu.isEmpty()) {
            return;
        }
        for (Map.Entry<Thread, Long> e : requestStartCpu.entrySet()) {
            long now = cpu.lastSample(e.getKey().getId());
            if (now >= 0 && now - e.getValue() > limit && !aborts.containsKey(e.getKey())) {
                String msg = "app '" + tenant + "': request aborted after using more than its CPU limit of "
                        + (limit / 1_000_000) + " ms (requestCpu); raise 'requestCpu' in the app's quota or make the request cheaper";
                aborts.put(e.getKey(), msg);
                controls.event("request-cpu", "aborted a request on " + e.getKey().getName() + " after " + ((now - e.getValue()) / 1_000_000) + " ms of CPU");
                updateGuard();
            }
        }
    }

    private void checkThreads(List<Thread> threads) {
        int own = 0;
        for (Thread t : threads) {
            if (!controls.isRequestWorker(t)) {
                own++;
            }
        }
        liveThreads = own;
        long limit = quota.get(Resource.THREADS).valueOrMax();
        if (own > limit && !threadsOverReported) {
            threadsOverReported = true;
            controls.event("thread-quota", own + " live threads, over its quota of " + limit
                    + " (threads started by JDK code on its behalf are counted, not refused)");
        } else if (own <= limit) {
            threadsOverReported = false;
        }
    }

    /**
     * Refuses to start a thread the tenant's own code starts when it already has {@code threads} live
     * threads (request workers not counted). Called on the tenant's thread before {@code Thread.start}.
     */
    public void beforeThreadStart() {
        long limit = quota.get(Resource.THREADS).valueOrMax();
        if (limit == Long.MAX_VALUE) {
            return;
        }
        int own = 0;
        for (Thread t : threads()) {
            if (!controls.isRequestWorker(t)) {
                own++;
            }
        }
        if (own >= limit) {
            throw new IllegalStateException("app '" + tenant + "': thread quota reached (" + own + " of " + limit
                    + " live threads); raise 'threads' in the app's quota or reuse threads (e.g. a bounded executor)");
        }
    }

    private void updateGuard() {
        controls.setGuard(terminating != null || throttled || pausedForWalk || !aborts.isEmpty());
    }

    List<Thread> threads() {
        Thread[] buffer = new Thread[group.activeCount() + 8];
        int n = group.enumerate(buffer, true);
        List<Thread> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(buffer[i]);
        }
        return result;
    }

    ThreadGroup group() {
        return group;
    }

    void event(String type, String detail) {
        controls.event(type, detail);
    }

    // ---- meters ----

    public double cpuSeconds() {
        return cpu.totalNanos() / 1e9;
    }

    /** CPU use in millicores, averaged over about the last second; NaN before the second sample. */
    public double millicores() {
        return millicores;
    }

    public int liveThreads() {
        return liveThreads;
    }

    public boolean isThrottled() {
        return throttled;
    }

    public long throttledTimes() {
        return throttledTimes;
    }

    @Override
    public String toString() {
        return "GovernedTenant{" + tenant + " " + quota + (throttled ? " throttled" : "") + "}";
    }

    static void logFailure(String tenant, Throwable t) {
        LOG.warn("tenant '{}': governor sample failed", tenant, t);
    }
}
